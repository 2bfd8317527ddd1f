// The model's unit tests' fixtures (models/step.test.ts): per-state TCBs built by stepping the model, and the set
// of rules the tests saw fire.
import { ConcreteInput } from '../input';
import { Outcome } from '../outcome';
import { Profile } from '../profile';
import { rfc9293 } from '../profiles/rfc9293';
import { ACK, FIN, SYN } from '../segment';
import { step } from '../step';
import { Tcb, closedTcb } from '../tcb';
import { call, seg } from '../testing';

export const ISS = 5000;
export const fired = new Set<string>();

export function run(t: Tcb, input: ConcreteInput, p: Profile = rfc9293): Outcome[] {
  const outs = step(t, input, p, { iss: ISS });
  for (const o of outs) for (const r of o.rules) fired.add(r);
  return outs;
}
/** Exactly one allowed outcome. */
export function one(t: Tcb, input: ConcreteInput, p: Profile = rfc9293): Outcome {
  const outs = run(t, input, p);
  expect(outs).toHaveLength(1);
  return outs[0];
}
/** The outcome that acknowledges at once (no ACK owed afterwards). */
export function prompt(outs: Outcome[]): Outcome {
  const o = outs.find((x) => x.tcb.ackDue === null);
  if (!o) throw new Error('no outcome acknowledges at once');
  return o;
}

// ---- fixtures --------------------------------------------------------------------------------------------
export const listen = (p = rfc9293) => one(closedTcb(), call({ call: 'open', mode: 'passive' }), p).tcb;
export const synReceived = (p = rfc9293) => one(listen(p), seg(SYN, 1000), p).tcb;
export const established = (p = rfc9293) => one(synReceived(p), seg(ACK, 1001, 5001), p).tcb;
export const synSent = (p = rfc9293) => one(closedTcb(), call({ call: 'open', mode: 'active' }), p).tcb;
export const synReceivedActive = (p = rfc9293) => one(synSent(p), seg(SYN, 1000), p).tcb;
export const finWait1 = (p = rfc9293) => one(established(p), call({ call: 'close' }), p).tcb;
export const finWait2 = (p = rfc9293) => one(finWait1(p), seg(ACK, 1001, 5002), p).tcb;
export const closeWait = (p = rfc9293) => prompt(run(established(p), seg(FIN | ACK, 1001, 5001), p)).tcb;
export const lastAck = (p = rfc9293) => one(closeWait(p), call({ call: 'close' }), p).tcb;
export const closing = (p = rfc9293) => prompt(run(finWait1(p), seg(FIN | ACK, 1001, 5001), p)).tcb;
export const timeWait = (p = rfc9293) => prompt(run(finWait2(p), seg(FIN | ACK, 1001, 5002), p)).tcb;
/** ESTABLISHED with 3 bytes received and unread. */
export const withUnread = (p = rfc9293) => prompt(run(established(p), seg(ACK, 1001, 5001, 'abc'), p)).tcb;
