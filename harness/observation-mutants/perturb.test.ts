// Observation mutants: each perturbation changes exactly what it names, and the model, as oracle, notices the
// ones the RFC forbids and lets pass only what the relation leaves to the IUT.
import { ModelAdapter } from '../../adapters/model/adapter';
import { ConcreteInput } from '../../models/input';
import { linux } from '../../models/profiles/linux';
import { rfc9293 } from '../../models/profiles/rfc9293';
import { ACK, RST, SYN } from '../../models/segment';
import { KINDS, Recorded, Site, perturbed, sites } from './perturb';
import { judge } from './score';
import { observationMutants } from './run';

const model = new ModelAdapter(rfc9293);
const caps = model.capabilities;

/** A passive open played on the model: OPEN passive, the peer's SYN, its ACK, RECEIVE. */
function handshake(): Recorded[] {
  model.reset({ profile: 'rfc9293', seed: 1 });
  const inputs: ConcreteInput[] = [{ kind: 'call', call: 'open', mode: 'passive' }];
  const run: Recorded[] = [{ concrete: inputs[0], observed: model.apply(inputs[0]) }];
  const syn: ConcreteInput = { kind: 'segment', segment: { seq: 1000, ack: 0, ctl: SYN, wnd: 8192, data: '' } };
  run.push({ concrete: syn, observed: model.apply(syn) });
  const iss = run[1].observed.segments[0].seq;
  const ack: ConcreteInput = {
    kind: 'segment',
    segment: { seq: 1001, ack: (iss + 1) >>> 0, ctl: ACK, wnd: 8192, data: '' },
  };
  run.push({ concrete: ack, observed: model.apply(ack) });
  const receive: ConcreteInput = { kind: 'call', call: 'receive' };
  run.push({ concrete: receive, observed: model.apply(receive) });
  return run;
}

describe('perturbations', () => {
  const run = handshake();
  const synAck = { step: 1, segment: 0 };

  test('the run itself is allowed (the baseline of every perturbation)', () => {
    expect(
      judge(
        run,
        run.map((r) => r.observed),
        1,
        0,
        'wnd+1',
        rfc9293,
        caps,
      ),
    ).toMatchObject({ detected: false });
  });

  test('each changes what it names and nothing else', () => {
    const s = run[1].observed.segments[0];
    const at = (k: (typeof KINDS)[number]) => perturbed(run, k, synAck).observed[1].segments;
    expect(at('segment.drop')).toEqual([]);
    expect(at('segment.duplicate')).toEqual([s, s]);
    expect(at('flag.RST')).toEqual([{ ...s, ctl: s.ctl | RST }]);
    expect(at('flag.ACK')).toEqual([{ ...s, ctl: SYN, ack: 0 }]);
    expect(at('ack+1')).toEqual([{ ...s, ack: (s.ack + 1) >>> 0 }]);
    expect(at('seq-1')).toEqual([{ ...s, seq: (s.seq - 1) >>> 0 }]);
    expect(at('wnd+1')).toEqual([{ ...s, wnd: s.wnd + 1 }]);
    // The other steps are untouched.
    expect(perturbed(run, 'segment.drop', synAck).observed[2]).toEqual(run[2].observed);
  });

  test('sites: a wrong state only where the IUT reports one; ACK moved only on a segment with ACK', () => {
    expect(sites(run, 'state', caps).map((s) => s.step)).toEqual([0, 1, 2, 3]);
    expect(sites(run, 'state', { ...caps, state: false })).toEqual([]);
    expect(sites(run, 'ack+1', caps)).toEqual([synAck]);
    expect(sites(run, 'result', caps).map((s) => s.step)).toEqual([0, 3]);
  });
});

describe('the model as oracle', () => {
  const run = handshake();
  const synAck = { step: 1, segment: 0 };
  const verdict = (k: (typeof KINDS)[number], site: Site = synAck) =>
    judge(run, perturbed(run, k, site).observed, site.step, site.segment, k, rfc9293, caps);

  // RFC 9293 §3.10.7.2: a SYN in LISTEN is answered <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, and nothing else.
  test.each(['segment.drop', 'segment.duplicate', 'flag.RST', 'flag.FIN', 'flag.ACK', 'ack+1', 'ack-1'] as const)(
    'the SYN,ACK %s is detected',
    (k) => expect(verdict(k)).toEqual({ detected: true, at: 1 }),
  );

  test('a wrong state or answer is detected', () => {
    expect(verdict('state', { step: 2 })).toEqual({ detected: true, at: 2 });
    expect(verdict('result', { step: 0 })).toEqual({ detected: true, at: 0 });
  });

  test('SEG.WND is left to the IUT, and passes, saying why', () => {
    expect(verdict('wnd+1')).toEqual({ detected: false, reason: "SEG.WND is the IUT's choice and is not compared" });
  });

  test("a SYN's SEQ is the ISS: caught only by what follows it", () => {
    // With ISS one higher, the peer's ACK of the real ISS+1 acknowledges nothing sent: not acceptable in
    // SYN-RECEIVED (RFC 9293 §3.10.7.4, fifth), so the IUT's silence there is not allowed.
    expect(verdict('seq+1')).toEqual({ detected: true, at: 2 });
    const short = run.slice(0, 2);
    const p = perturbed(short, 'seq+1', synAck);
    expect(judge(short, p.observed, 1, 0, 'seq+1', rfc9293, caps)).toEqual({
      detected: false,
      reason: "a SYN's SEQ is its connection's ISS, the IUT's own choice (RFC 9293 §3.4.1)",
    });
  });
});

describe('the errno beside the words (linux profile: socket-history.ts)', () => {
  // On the model under the linux profile: OPEN active, a RST acknowledging the SYN, then SEND: ECONNREFUSED.
  const linuxModel = new ModelAdapter(linux);
  function refused(): Recorded[] {
    linuxModel.reset({ profile: 'linux', seed: 1 });
    const open: ConcreteInput = { kind: 'call', call: 'open', mode: 'active' };
    const run: Recorded[] = [{ concrete: open, observed: linuxModel.apply(open) }];
    const iss = run[0].observed.segments[0].seq;
    const rst: ConcreteInput = {
      kind: 'segment',
      segment: { seq: 0, ack: (iss + 1) >>> 0, ctl: RST | ACK, wnd: 0, data: '' },
    };
    run.push({ concrete: rst, observed: linuxModel.apply(rst) });
    const send: ConcreteInput = { kind: 'call', call: 'send', data: 'x' };
    run.push({ concrete: send, observed: linuxModel.apply(send) });
    return run;
  }

  test('sites: only an error answer that carries an errno', () => {
    const run = refused();
    expect(run[2].observed.result).toEqual({ ok: false, error: 'connection refused', errno: 'ECONNREFUSED' });
    expect(sites(run, 'errno', linuxModel.capabilities)).toEqual([{ step: 2 }]);
    expect(sites(handshake(), 'errno', caps)).toEqual([]);
  });

  test('another errno with the same words is detected where the profile names the errno', () => {
    const run = refused();
    const p = perturbed(run, 'errno', { step: 2 });
    expect(p.observed[2].result).toEqual({ ok: false, error: 'connection refused', errno: 'ECONNRESET' });
    expect(judge(run, p.observed, 2, undefined, 'errno', linux, linuxModel.capabilities)).toEqual({
      detected: true,
      at: 2,
    });
  });
});

test('a report over real runs counts every kind, with detections no more than applications', async () => {
  const r = await observationMutants({ adapter: new ModelAdapter(rfc9293), profile: rfc9293, runs: 30, seed: 1 });
  expect(r.kinds.map((k) => k.kind)).toEqual([...KINDS]);
  for (const k of r.kinds) expect(k.detected).toBeLessThanOrEqual(k.applied);
  // Flags and ACK numbers are always compared: every such perturbation is caught.
  for (const k of r.kinds.filter((x) => x.kind.startsWith('flag.') || x.kind.startsWith('ack')))
    expect(k.detected).toBe(k.applied);
  expect(r.applied).toBe(r.kinds.reduce((n, k) => n + k.applied, 0));
});
