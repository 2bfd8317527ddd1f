// The honesty check of a spec's declaration: every rule it declares must have fired in one of its plays.
import { findProfile } from '../../models/profiles';
import { Played, Step } from './scenario';
import { unfired } from './suite';

/** A play whose steps fired these rules (only the rules matter here). */
const played = (...steps: string[][]) =>
  new Played(
    steps.map((rules) => ({ rules }) as unknown as Step),
    1000,
  );
const rfc9293 = findProfile('rfc9293')!;

test('a declared rule that fired in one of the plays holds', () => {
  const plays = [played(['open.active']), played(['open.passive'], ['listen.syn'])];
  expect(unfired(['listen.syn', 'open.active'], plays, rfc9293)).toEqual([]);
});

test('a declared rule that no play fired is named', () => {
  const plays = [played(['open.passive'], ['listen.syn'])];
  expect(unfired(['listen.syn', 'synReceived.ack'], plays, rfc9293)).toEqual(['synReceived.ack']);
  expect(unfired(['listen.syn'], [], rfc9293)).toEqual(['listen.syn']);
});

test('a rule the profile replaces is not held against the spec', () => {
  // rfc9293 answers a SYN in the window with a challenge ACK (RFC 5961 §4): syn.reset is not one of its rules.
  expect(unfired(['syn.reset'], [played(['syn.challenge'])], rfc9293)).toEqual([]);
});

test("an implementation profile's own rule for the same event and state stands in for a declared rule", () => {
  const lwip = findProfile('lwip')!;
  const plays = [played(['open.active'], ['synSent.synAck'], ['seq.unacceptable.ackProcessed'])];
  expect(unfired(['seq.unacceptable'], plays, lwip)).toEqual([]);
  // ... but not for a rule of another event.
  expect(unfired(['close.fin'], plays, lwip)).toEqual(['close.fin']);
});
