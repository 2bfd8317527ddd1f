// A process IUT with one crash (tests only): the model, served over the protocol, except that an ABORT in
// SYN-RECEIVED after an active OPEN (a simultaneous open) kills the process, the way gVisor's netstack panics
// there. Everything else conforms, so the shortest run that crashes is OPEN active, a SYN, ABORT.
'use strict';
require('./ts-register');
const { serve } = require('../serve.ts');
const { ModelAdapter } = require('../../model/adapter.ts');
const { rfc9293 } = require('../../../models/profiles/rfc9293.ts');

const model = new ModelAdapter(rfc9293);
let state = 'Closed';
let active = false;
const iut = {
  name: 'crash-on-abort',
  capabilities: model.capabilities,
  synchronous: false,
  async reset(setup) {
    state = 'Closed';
    active = false;
    return model.reset(setup);
  },
  async apply(input) {
    if (input.kind === 'call' && input.call === 'open') active = input.mode === 'active';
    if (input.kind === 'call' && input.call === 'abort' && state === 'SynReceived' && active) {
      process.stderr.write('panic: runtime error: invalid memory address or nil pointer dereference\n');
      process.stderr.write('crash-on-abort: abort in SYN-RECEIVED after an active open\n');
      process.exit(2);
    }
    const obs = model.apply(input);
    if (obs.state) state = obs.state;
    return obs;
  },
  dispose() {},
};
serve(iut, process.stdin, process.stdout).then(() => process.exit(0));
