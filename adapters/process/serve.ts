// The serving side of the process protocol (PROTOCOL.md): any in-process Adapter, spoken for over a stream
// pair. `npx tcpconform serve --adapter simulator` is this over stdin/stdout; the protocol's own tests use it
// to check that going through the protocol changes nothing.
import * as readline from 'readline';
import { Readable, Writable } from 'stream';
import { Adapter, AdapterUnavailable } from '../types';
import { findAdapter, ADAPTERS } from '../registry';
import { Observation } from '../../models/observation';
import { State } from '../../models/state';
import {
  ProtocolError,
  Request,
  RequestError,
  encodeErrorReply,
  encodeHello,
  encodeReply,
  parseRequest,
} from './protocol';

/**
 * Speaks the protocol on behalf of `adapter`: writes the hello, then answers each request line of `input` on
 * `output`, one at a time, in order. Resolves when `input` ends and every reply is written. Never rejects for a
 * bad request or a failing adapter: those become error replies (PROTOCOL.md), and the harness decides.
 * Does not dispose the adapter.
 */
export async function serve(adapter: Adapter, input: Readable, output: Writable): Promise<void> {
  const write = (line: string) =>
    new Promise<void>((resolve) => {
      if (output.write(line + '\n')) resolve();
      else output.once('drain', resolve);
    });
  await write(encodeHello(adapter.name, adapter.capabilities));

  // The last state the adapter reported: what a `state` request answers without touching the IUT.
  let state: State = 'Closed';
  const rl = readline.createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let req: Request;
    try {
      req = parseRequest(line);
    } catch (e) {
      const id = e instanceof RequestError ? e.id : null;
      await write(encodeErrorReply(id, e instanceof ProtocolError ? e.message : String(e)));
      continue;
    }
    try {
      let obs: Observation;
      switch (req.op) {
        case 'reset':
          await adapter.reset({ profile: req.profile, seed: req.seed });
          state = 'Closed';
          obs = { segments: [] };
          break;
        case 'state':
          obs = { segments: [] };
          break;
        case 'input':
          obs = await adapter.apply(req.input);
          if (obs.state) state = obs.state;
          break;
      }
      if (adapter.capabilities.state) obs = { ...obs, state: obs.state ?? state };
      await write(encodeReply(req.id, obs));
    } catch (e) {
      await write(encodeErrorReply(req.id, `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`));
    }
  }
}

/**
 * `tcpconform serve --adapter NAME [--profile P]`: serves a registered adapter on stdin/stdout until stdin ends.
 * Returns the CLI exit code: 0 done, 2 unknown adapter, 3 adapter unavailable. Messages go to stderr, because
 * stdout belongs to the protocol.
 */
export async function runServe(adapterName: string, profile: string, mutant?: string): Promise<number> {
  const entry = findAdapter(adapterName);
  if (!entry) {
    process.stderr.write(
      `tcpconform serve: unknown adapter "${adapterName}" (known: ${ADAPTERS.map((a) => a.name).join(', ')})\n`,
    );
    return 2;
  }
  let adapter: Adapter;
  try {
    adapter = await entry.create({ profile, ...(mutant ? { mutant } : {}) });
  } catch (e) {
    process.stderr.write(`tcpconform serve: ${(e as Error).message.split('\n')[0]}\n`);
    return e instanceof AdapterUnavailable ? 3 : 2;
  }
  try {
    await serve(adapter, process.stdin, process.stdout);
  } finally {
    await adapter.dispose();
  }
  return 0;
}
