// A profile's rule that stands in place of a catalogue rule says so (`replaces`), and the catalogue rule can be
// read with the variations that replace it (replacementsOf).
import { profileRules } from '../profile';
import { RULES } from '../rules';
import type { CatalogueRuleId } from '../rules';
import { PROFILES, findProfile } from '.';
import { replacementsOf } from './replacements';

const implementations = PROFILES.filter((p) => p.extraRules.length > 0);

/** Whether a text names a rule id as a whole word. */
const names = (text: string, id: string) => new RegExp(`(^|[^\\w.])${id.replace(/\./g, '\\.')}($|[^\\w.])`).test(text);

describe('replacementsOf', () => {
  test('lwIP drops a SYN in SYN-SENT (tcp_process() takes only a SYN,ACK there): it replaces the simultaneous open', () => {
    expect(replacementsOf('synSent.syn')).toContainEqual({
      profile: 'lwip',
      rule: 'synSent.syn.ignored',
      cite: expect.stringContaining('tcp_in.c: tcp_process()'),
    });
  });

  test("lwIP's tcp_receive() takes text whatever the ACK bit: it replaces the drop of a segment without ACK", () => {
    expect(replacementsOf('ack.missing')).toContainEqual({
      profile: 'lwip',
      rule: 'ack.missing.textAccepted',
      cite: expect.stringContaining('tcp_receive()'),
    });
  });

  test('listen() again, connect() again, OPEN in a TIME-WAIT apart from the socket, OPEN on a taken 4-tuple (Linux) replace "already exists"', () => {
    expect(replacementsOf('open.exists')).toEqual([
      { profile: 'linux', rule: 'open.listen.again', cite: expect.stringContaining('__inet_listen_sk()') },
      { profile: 'linux', rule: 'user.closed.open', cite: expect.stringContaining('inet_csk_bind_conflict()') },
      { profile: 'linux', rule: 'user.timeWait.noSocket', cite: expect.stringContaining('tcp_time_wait()') },
      { profile: 'linux', rule: 'open.connect.completes', cite: expect.stringContaining('__inet_stream_connect()') },
      { profile: 'linux', rule: 'open.synReceived.tupleTaken', cite: expect.stringContaining('__inet_hash_connect()') },
    ]);
  });

  test('lwIP gives up after a count of retransmissions in place of the user timeout', () => {
    expect(replacementsOf('timeout.user').map((r) => `${r.profile} ${r.rule}`)).toEqual([
      'lwip timeout.retransmissionsExhausted',
    ]);
  });

  test("a passive OPEN is the RFC's in every profile, and a SYN in LISTEN too but for Linux's drop of SYN with FIN", () => {
    expect(replacementsOf('open.passive')).toEqual([]);
    expect(replacementsOf('listen.syn').map((r) => `${r.profile} ${r.rule}`)).toEqual(['linux listen.synFin.dropped']);
  });

  test('the RFC profiles replace nothing', () => {
    const by = new Set(RULES.flatMap((r) => replacementsOf(r.id as CatalogueRuleId).map((x) => x.profile)));
    expect([...by].filter((name) => name.startsWith('rfc'))).toEqual([]);
    expect(by.has('linux')).toBe(true);
  });
});

describe.each(implementations.map((p) => [p.name, p] as const))('the %s profile', (_name, profile) => {
  const base = new Map(profileRules(findProfile('rfc9293')!).map((r) => [r.id, r]));
  const entries = profile.extraRules.flatMap((r) => (r.replaces ?? []).map((id) => [r, id] as const));

  test('replaces only rules the RFC profile has', () => {
    expect(entries.filter(([, id]) => !base.has(id)).map(([r, id]) => `${r.id} → ${id}`)).toEqual([]);
  });

  test('replaces a rule in a state where it applies, or one it leaves unreachable with a reason naming it', () => {
    const astray = entries.filter(([r, id]) => {
      const overlap = base.get(id)?.states.some((s) => r.states.includes(s));
      const unreachable = profile.unreachable?.[id];
      return !overlap && !(unreachable && names(unreachable, r.id));
    });
    expect(astray.map(([r, id]) => `${r.id} → ${id}`)).toEqual([]);
  });

  test('a rule it leaves unreachable is replaced by each of its rules the reason names', () => {
    const own = profile.extraRules;
    const missing = Object.entries(profile.unreachable ?? {}).flatMap(([id, reason]) =>
      own
        .filter((r) => names(reason, r.id) && !r.replaces?.includes(id as CatalogueRuleId))
        .map((r) => `${r.id} → ${id}`),
    );
    expect(missing).toEqual([]);
  });
});
