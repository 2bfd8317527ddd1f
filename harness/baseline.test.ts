// Issue 11, baselines: a check goes on past the divergences and crashes a baseline knows, fails on a new one,
// and tells which known ones no longer reproduce. Shown on the simulator's seeded bugs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ModelAdapter } from '../adapters/model/adapter';
import { createSimulatorAdapter } from '../adapters/simulator/adapter';
import { Adapter, AdapterFailure, RunSetup } from '../adapters/types';
import { ConcreteInput } from '../models/input';
import { Observation } from '../models/observation';
import { rfc9293 } from '../models/profiles/rfc9293';
import { RST, SYN } from '../models/segment';
import {
  Baseline,
  BaselineEntry,
  baselineText,
  loadBaseline,
  normalisedCrash,
  parseBaseline,
  signatureOf,
} from './baseline';
import { CheckResult, Crash, runCheck } from './check';

const simulator = (mutant?: string) => createSimulatorAdapter({ profile: 'rfc9293', ...(mutant ? { mutant } : {}) });

/** Records a baseline the way --update-baseline does: every finding is taken in. */
async function recorded(mutant: string, seed: number): Promise<BaselineEntry[]> {
  const file = path.join(tmp, `record-${mutant}-${seed}.json`);
  const b = new Baseline(file, [], true);
  const adapter = simulator(mutant);
  const result = await runCheck({ adapter, profile: rfc9293, runs: 200, seed, known: b.matches });
  await b.settle(adapter, rfc9293, result);
  return parseBaseline(JSON.parse(fs.readFileSync(file, 'utf8')), file);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-baseline-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('recording a baseline of a seeded bug (passiveRstCloses)', () => {
  let entries: BaselineEntry[];
  beforeAll(async () => {
    entries = await recorded('passiveRstCloses', 1);
  });

  test('holds one entry: the rule at fault and the state before, with minimal inputs to replay', () => {
    expect(entries).toHaveLength(1);
    const [e] = entries;
    expect(e).toMatchObject({ kind: 'divergence', rule: 'rst.synReceived.passive', stateBefore: 'SynReceived' });
    expect(e.inputs.map((i) => (i.kind === 'segment' ? i.segment.ctl : i.kind))).toEqual(['call', 'SYN', 'RST']);
  });

  test('the file is versioned', () => {
    const raw = JSON.parse(fs.readFileSync(path.join(tmp, 'record-passiveRstCloses-1.json'), 'utf8'));
    expect(raw['tcpconform-baseline']).toBe(1);
  });

  test.each([2, 3, 4])(
    'under seed %i the same bug is known: the check goes on to its last run and finds nothing new',
    async (seed) => {
      const b = new Baseline('b.json', entries);
      const r = await runCheck({
        adapter: simulator('passiveRstCloses'),
        profile: rfc9293,
        runs: 200,
        seed,
        known: b.matches,
      });
      expect(r.divergences).toEqual([]);
      expect(r.runs).toBe(200);
      expect(r.known!.map((k) => k.signature)).toEqual(['rst.synReceived.passive in SynReceived']);
    },
  );

  test('without the baseline the same check stops at the divergence', async () => {
    const r = await runCheck({ adapter: simulator('passiveRstCloses'), profile: rfc9293, runs: 200, seed: 2 });
    expect(r.divergences).toHaveLength(1);
    expect(r.runs).toBeLessThan(200);
  });

  test('another seeded bug is new: the check stops at it, shrunk as without a baseline', async () => {
    const b = new Baseline('b.json', entries);
    const r = await runCheck({
      adapter: simulator('listenRstCloses'),
      profile: rfc9293,
      runs: 200,
      seed: 2,
      known: b.matches,
    });
    expect(r.divergences.map((d) => d.divergence.rule)).toEqual(['listen.rst']);
    const alone = await runCheck({ adapter: simulator('listenRstCloses'), profile: rfc9293, runs: 200, seed: 2 });
    expect(r.divergences[0].inputs).toEqual(alone.divergences[0].inputs);
  });

  test('on the IUT without the bug, the entry is reported fixed: no longer reproduces', async () => {
    const b = new Baseline('b.json', entries);
    const adapter = simulator();
    const r = await runCheck({ adapter, profile: rfc9293, runs: 20, seed: 2, known: b.matches });
    const report = await b.settle(adapter, rfc9293, r);
    expect(report.fixed).toEqual([{ signature: 'rst.synReceived.passive in SynReceived' }]);
    expect(report.known).toEqual([]);
  });

  test('an entry the check did not meet but whose inputs still diverge stays known', async () => {
    const b = new Baseline('b.json', entries);
    const adapter = simulator('passiveRstCloses');
    // Two runs are too few to meet the bug: the entry is replayed.
    const r = await runCheck({ adapter, profile: rfc9293, runs: 2, seed: 2, known: b.matches });
    expect(r.known).toEqual([]);
    const report = await b.settle(adapter, rfc9293, r);
    expect(report.known).toEqual([{ signature: 'rst.synReceived.passive in SynReceived', runs: 0 }]);
    expect(report.fixed).toEqual([]);
  });
});

describe('a check with a baseline is deterministic for a seed', () => {
  const strip = (r: CheckResult) => JSON.stringify({ ...r, elapsedMs: 0, eventsPerSecond: 0 });
  test('two checks of two known bugs give the same result', async () => {
    const entries = [...(await recorded('passiveRstCloses', 1)), ...(await recorded('listenRstCloses', 1))];
    const b = new Baseline('b.json', entries);
    const once = () =>
      runCheck({ adapter: simulator('passiveRstCloses'), profile: rfc9293, runs: 150, seed: 9, known: b.matches });
    expect(strip(await once())).toBe(strip(await once()));
  });
});

describe('--update-baseline', () => {
  test('keeps the known entries that still reproduce and drops the fixed ones', async () => {
    const file = path.join(tmp, 'update.json');
    const old = [...(await recorded('passiveRstCloses', 1)), ...(await recorded('listenRstCloses', 1))];
    fs.writeFileSync(file, baselineText(old));
    const b = loadBaseline(file, true);
    const adapter = simulator('passiveRstCloses');
    const report = await b.settle(
      adapter,
      rfc9293,
      await runCheck({ adapter, profile: rfc9293, runs: 200, seed: 3, known: b.matches }),
    );
    expect(report.fixed.map((f) => f.signature)).toEqual(['listen.rst in Listen']);
    const now = parseBaseline(JSON.parse(fs.readFileSync(file, 'utf8')), file);
    expect(now.map(signatureOf)).toEqual(['rst.synReceived.passive in SynReceived']);
  });
});

/** The model, failing like a crashed stack on any RST after a SYN. */
class CrashesOnRst implements Adapter {
  readonly name = 'model+crash';
  readonly synchronous = true;
  private inner = new ModelAdapter(rfc9293);
  readonly capabilities = this.inner.capabilities;
  private sawSyn = false;
  reset(setup: RunSetup): void {
    this.inner.reset(setup);
    this.sawSyn = false;
  }
  apply(input: ConcreteInput): Observation {
    if (input.kind === 'segment' && input.segment.ctl & SYN) this.sawSyn = true;
    if (input.kind === 'segment' && input.segment.ctl & RST && this.sawSyn)
      throw new AdapterFailure(`stack: no answer within ${1000 + (input.segment.seq % 7)} ms\nstderr tail`);
    return this.inner.apply(input);
  }
  dispose(): void {}
}

describe('crashes', () => {
  test('a crash signature is the first line with its numbers written N', () => {
    expect(normalisedCrash('stack: no answer within 5000 ms at 0x7ffe12\nmore')).toBe(
      'stack: no answer within N ms at N',
    );
  });

  test('a new crash ends the check with the adapter failure, as without a baseline', async () => {
    const b = new Baseline('b.json', []);
    await expect(
      runCheck({ adapter: new CrashesOnRst(), profile: rfc9293, runs: 200, seed: 1, known: b.matches }),
    ).rejects.toThrow(AdapterFailure);
  });

  test('a known crash ends the check without failing it, recorded with the inputs up to it', async () => {
    const entry: BaselineEntry = {
      kind: 'crash',
      crash: 'stack: no answer within 1003 ms',
      peerIss: 1,
      runSeed: 1,
      inputs: [{ kind: 'wait', ms: 1 }],
    };
    const b = new Baseline('b.json', [entry]);
    const r = await runCheck({ adapter: new CrashesOnRst(), profile: rfc9293, runs: 200, seed: 1, known: b.matches });
    expect(r.endedAtKnownCrash).toBe(true);
    expect(r.known).toHaveLength(1);
    const crash = r.known![0].finding as Crash;
    expect(signatureOf(crash)).toBe('crash: stack: no answer within N ms');
    const last = crash.inputs[crash.inputs.length - 1];
    expect(last.kind === 'segment' && last.segment.ctl).toMatch(/RST/);
  });
});

describe('reading a baseline file', () => {
  const write = (name: string, text: string) => {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, text);
    return f;
  };
  test.each([
    ['not JSON', '{', /is not valid JSON/],
    ['no version', '{"entries": []}', /not a tcpconform baseline/],
    [
      'an entry without its rule',
      '{"tcpconform-baseline":1,"entries":[{"kind":"divergence","peerIss":1,"runSeed":1,' +
        '"inputs":[{"kind":"wait","ms":1}]}]}',
      /entries\[0\]: expected "kind"/,
    ],
    [
      'a bad input',
      '{"tcpconform-baseline":1,"entries":[{"kind":"crash","crash":"x","peerIss":1,"runSeed":1,' +
        '"inputs":[{"kind":"jump"}]}]}',
      /entries\[0\]: inputs\[0\]: unknown input kind/,
    ],
  ])('%s is refused with one line saying why', (name, text, message) => {
    expect(() => loadBaseline(write(`${name}.json`, text), false)).toThrow(message);
  });

  test('a missing file is refused, unless it is to be written', () => {
    expect(() => loadBaseline(path.join(tmp, 'none.json'), false)).toThrow(/cannot read baseline file .*ENOENT/);
    expect(loadBaseline(path.join(tmp, 'none.json'), true).bySignature.size).toBe(0);
  });
});
