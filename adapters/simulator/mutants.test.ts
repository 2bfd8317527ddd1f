// Every seeded bug: its documented shortest counterexample must make the mutant behave differently from the
// unmutated simulator at the last input (and not before), and the unmutated simulator must do there what the
// RFC says. Our ISS is 100 and the tester's 300, so the expectations can be written out.
import { Observation } from '../../models/observation';
import { createSimulatorAdapter } from './adapter';
import { MUTANT_IDS, MUTANTS, MutantId } from './mutants';
import { segs, Tester } from './testing';

type Expectation = { state: string; segments?: string[]; signals?: string[]; result?: unknown };

/** What the RFC asks at the last input of each minimal sequence. */
const CORRECT: Record<Exclude<MutantId, 'constantIsn'>, Expectation> = {
  noTimeWait: { state: 'TimeWait', segments: ['<SEQ=102><ACK=302><CTL=ACK>'] },
  timeWaitNoRestart: { state: 'TimeWait', segments: [] },
  timeWaitTooShort: { state: 'TimeWait', segments: [] },
  synNotCounted: { state: 'SynReceived', segments: ['<SEQ=100><ACK=301><CTL=SYN,ACK><MSS=1460>'] },
  finAckOffByOne: { state: 'CloseWait', segments: ['<SEQ=101><ACK=302><CTL=ACK>'], signals: ['connection closing'] },
  passiveRstCloses: { state: 'Listen', segments: [] },
  finWait1FinAckToClosing: { state: 'TimeWait', segments: ['<SEQ=102><ACK=302><CTL=ACK>'] },
  simultaneousCloseSkipsClosing: { state: 'Closing', segments: ['<SEQ=102><ACK=302><CTL=ACK>'] },
  listenAckNoRst: { state: 'Listen', segments: ['<SEQ=1><CTL=RST>'] },
  listenRstCloses: { state: 'Listen', segments: [] },
  closedRstAnswered: { state: 'Closed', segments: [] },
  rstSeqNotFromAck: { state: 'Closed', segments: ['<SEQ=1><CTL=RST>'] },
  rstInWindowAccepted: { state: 'Established', segments: ['<SEQ=101><ACK=301><CTL=ACK>'], signals: [] },
  synResetsConnection: { state: 'Established', segments: ['<SEQ=101><ACK=301><CTL=ACK>'], signals: [] },
  tooOldAckIgnored: { state: 'Established', segments: ['<SEQ=101><ACK=301><CTL=ACK>'] },
  futureAckIgnored: { state: 'Established', segments: ['<SEQ=101><ACK=301><CTL=ACK>'] },
  noAckForUnacceptable: { state: 'Established', segments: ['<SEQ=101><ACK=301><CTL=ACK>'] },
  windowRightEdgeIgnored: { state: 'Established', segments: ['<SEQ=101><ACK=301><CTL=ACK>'] },
  closeUnreadSendsFin: { state: 'Closed', segments: ['<SEQ=101><CTL=RST>'] },
  noSimultaneousOpen: { state: 'SynReceived', segments: ['<SEQ=100><ACK=301><CTL=SYN,ACK><MSS=1460>'] },
  halfCloseDropsData: { state: 'TimeWait', segments: ['<SEQ=102><ACK=303><CTL=ACK>'] },
  rtxNeverGivesUp: { state: 'Closed', signals: ['connection aborted due to user timeout'] },
  rtoNoBackoff: { state: 'SynSent', segments: ['<SEQ=100><CTL=SYN><MSS=1460>'] },
  closeWaitToClosing: { state: 'LastAck', segments: ['<SEQ=101><ACK=302><CTL=FIN,ACK>'] },
  passiveCloserTimeWait: { state: 'Closed', segments: [] },
  synSentRstNoAckAccepted: { state: 'SynSent', segments: [], signals: [] },
  synSentAckIssAccepted: { state: 'SynSent', segments: ['<SEQ=100><CTL=RST>'] },
  synReceivedBadAckIgnored: { state: 'SynReceived', segments: ['<SEQ=102><CTL=RST>'] },
  abortNoRst: { state: 'Closed', segments: ['<SEQ=101><CTL=RST>'] },
  delayedAckTooLong: { state: 'Established', segments: ['<SEQ=101><ACK=302><CTL=ACK>'] },
  eofNotReported: { state: 'CloseWait', segments: [], result: { ok: false, error: 'connection closing' } },
};

function replay(
  profile: string,
  mutant: string | undefined,
  inputs: (typeof MUTANTS)[number]['minimal'],
): Observation[] {
  return new Tester({ profile, iss: 100, mutant }).run(inputs);
}

const comparable = (o: Observation) => ({ state: o.state, segments: segs(o), signals: o.signals, result: o.result });

describe('the catalogue', () => {
  test('has at least 20 mutants, each documented, with its minimal sequence as long as its minimalLength', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(20);
    expect(MUTANTS.map((m) => m.id)).toEqual([...MUTANT_IDS]);
    for (const m of MUTANTS) {
      expect(m.summary.length).toBeGreaterThan(10);
      expect(m.rule).toMatch(/^[a-z][A-Za-z0-9.]+$/);
      expect(m.citation).toMatch(/RFC/);
      expect(m.minimal.length).toBe(m.minimalLength);
    }
  });
  test('an unknown mutant is an error that lists the valid ids', () => {
    expect(() => createSimulatorAdapter({ profile: 'rfc9293', mutant: 'noSuchBug' })).toThrow(
      /unknown mutant "noSuchBug"; valid mutants are: noTimeWait, timeWaitNoRestart, .*eofNotReported/,
    );
  });
});

describe.each(MUTANTS.filter((m) => m.id !== 'constantIsn').map((m) => [m.id, m] as const))('mutant %s', (id, m) => {
  for (const profile of m.profiles) {
    test(`${profile}: the minimal sequence of ${m.minimalLength} inputs shows it at the last input, and not before`, () => {
      const good = replay(profile, undefined, m.minimal);
      const bad = replay(profile, id, m.minimal);
      for (let i = 0; i < m.minimalLength - 1; i++) expect(comparable(bad[i])).toEqual(comparable(good[i]));
      expect(comparable(bad[m.minimalLength - 1])).not.toEqual(comparable(good[m.minimalLength - 1]));
    });
    test(`${profile}: the unmutated simulator does what ${m.citation} says`, () => {
      const last = replay(profile, undefined, m.minimal)[m.minimalLength - 1];
      const want = CORRECT[id as Exclude<MutantId, 'constantIsn'>];
      expect(last.state).toBe(want.state);
      if (want.segments) expect(segs(last)).toEqual(want.segments);
      if (want.signals) expect(last.signals).toEqual(want.signals);
      if (want.result) expect(last.result).toEqual(want.result);
    });
  }
});

describe('mutant constantIsn', () => {
  const isns = (mutant?: string) =>
    new Tester({ seed: 5, mutant })
      .run(MUTANTS.find((m) => m.id === 'constantIsn')!.minimal)
      .filter((o) => o.segments.length > 0)
      .map((o) => o.segments[0].seq);
  test('its minimal sequence (OPEN, CLOSE, OPEN) gives two SYNs with the same ISN', () => {
    const [a, b] = isns('constantIsn');
    expect(b).toBe(a);
  });
  test('the unmutated simulator picks a fresh ISN for the second connection (RFC 9293 §3.4.1)', () => {
    const [a, b] = isns();
    expect(b).not.toBe(a);
  });
});

describe('the adapter', () => {
  test('announces its capabilities and runs synchronously, reproducibly per seed', () => {
    const ad = createSimulatorAdapter({ profile: 'rfc9293' });
    expect(ad.synchronous).toBe(true);
    expect(ad.capabilities).toMatchObject({ segments: true, state: true, signals: true, clock: 'virtual' });
    expect(ad.capabilities.calls).toEqual([
      'open.passive',
      'open.active',
      'send',
      'receive',
      'close',
      'close.halfDuplex',
      'abort',
    ]);
    const syn = (seed: number) => {
      ad.reset({ profile: 'rfc9293', seed });
      return (ad.apply({ kind: 'call', call: 'open', mode: 'active' }) as Observation).segments[0].seq;
    };
    expect(syn(3)).toBe(syn(3));
    expect(syn(3)).not.toBe(syn(4));
  });
  test('reset starts from CLOSED with the clock at 0', () => {
    const ad = createSimulatorAdapter({ profile: 'rfc9293' });
    ad.reset({ profile: 'rfc9293', seed: 1 });
    ad.apply({ kind: 'call', call: 'open', mode: 'passive' });
    ad.reset({ profile: 'rfc9293', seed: 1 });
    expect(ad.apply({ kind: 'call', call: 'receive' })).toMatchObject({
      state: 'Closed',
      result: { ok: false, error: 'connection does not exist' },
    });
  });
});
