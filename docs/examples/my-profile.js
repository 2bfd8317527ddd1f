// A profile of one's own, for `tcpconform check --profile ./my-profile.js` (also rules, replay, diff, serve).
// A profile is RFC 9293 with cited overrides (models/profile.ts): here a stack whose TIME-WAIT lasts 2·30 s
// and which does not check ACKs against MAX.SND.WND (RFC 5961 §5), as lwIP does not. Plain CommonJS: no
// TypeScript toolchain needed.
'use strict';
// The installed package (npm install tcpconform, or -g: the CLI then resolves this name to itself).
const { rfc9293 } = require('tcpconform');

module.exports = {
  ...rfc9293,
  name: 'my-stack',
  summary: 'my-stack 1.0: RFC 9293 with a 60 s TIME-WAIT and without RFC 5961 ACK validation',
  extends: 'rfc9293',
  features: new Set([...rfc9293.features].filter((f) => f !== 'rfc5961.ack')),
  params: { ...rfc9293.params, timeWaitLo: 60000, timeWaitHi: 61000 },
  overrides: [
    ...rfc9293.overrides,
    {
      what: 'TIME-WAIT lasts 2·30 s',
      because: 'MSL is a parameter (RFC 9293 §3.4.1 takes 2 minutes "for this specification")',
      cite: 'my-stack src/tcp_timer.c: MSL_MS',
      params: { timeWaitLo: 60000, timeWaitHi: 61000 },
    },
    {
      what: 'no ACK validation against MAX.SND.WND: an old ACK is ignored, not challenged',
      because: 'RFC 5961 §5 is a SHOULD; my-stack has no MAX.SND.WND',
      cite: 'my-stack src/tcp_in.c: ack_check()',
      features: ['rfc5961.ack'],
    },
  ],
};
