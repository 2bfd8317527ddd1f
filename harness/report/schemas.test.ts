// schemas/*.schema.json against what the tool writes: real counterexamples and real --json summaries validate,
// and broken ones do not (so a schema that accepted anything would fail here).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import { findAdapter } from '../../adapters/registry';
import { findProfile } from '../../models/profiles';
import { runCheck } from '../check';
import { COUNTEREXAMPLE_VERSION, Counterexample } from '../counterexample';
import { cli } from '../cli/__fixtures__/in-process';

const ROOT = path.join(__dirname, '..', '..');
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', name), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(schema('counterexample.schema.json'));
const counterexampleValid = ajv.getSchema('urn:tcpconform:schema:counterexample')!;
const summaryValid = ajv.compile(schema('check-summary.schema.json'));

function errors(validate: typeof counterexampleValid, x: unknown): string[] {
  return validate(x) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const lastLine = (out: string) => JSON.parse(out.trimEnd().split('\n').pop()!);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-schemas-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The first counterexample a check of the simulator with a seeded bug finds. */
async function found(mutant: string): Promise<Counterexample> {
  const adapter = await findAdapter('simulator')!.create({ profile: 'rfc9293', mutant });
  try {
    const r = await runCheck({ adapter, profile: findProfile('rfc9293')!, runs: 500, seed: 1, mutant });
    expect(r.divergences).toHaveLength(1);
    return JSON.parse(JSON.stringify(r.divergences[0]));
  } finally {
    await adapter.dispose();
  }
}

describe('counterexample.schema.json', () => {
  test('its version is the one the tool writes', () => {
    expect(schema('counterexample.schema.json').properties.tcpconform.const).toBe(COUNTEREXAMPLE_VERSION);
  });

  // Bugs whose counterexamples hold between them calls with answers, signals, waits and segments with data.
  test.each(['passiveRstCloses', 'eofNotReported', 'noTimeWait', 'closeUnreadSendsFin', 'abortNoRst'])(
    'a counterexample found with mutant %s validates',
    async (mutant) => {
      expect(errors(counterexampleValid, await found(mutant))).toEqual([]);
    },
  );

  test('the counterexample of an IUT that crashed validates', async () => {
    const fake = path.join(ROOT, 'adapters', 'process', '__fixtures__', 'fake-iut.js');
    const adapter = await findAdapter('process')!.create({ profile: 'rfc9293', cmd: `node ${fake} crash` });
    try {
      const r = await runCheck({ adapter, profile: findProfile('rfc9293')!, runs: 5, seed: 1 });
      const cx = JSON.parse(JSON.stringify(r.divergences[0]));
      expect(cx.divergence.observed.crash.how).toMatch(/the child exited with code 134/);
      expect(errors(counterexampleValid, cx)).toEqual([]);
      delete cx.divergence.observed.crash.stderr;
      expect(errors(counterexampleValid, cx)).not.toEqual([]);
    } finally {
      await adapter.dispose();
    }
  });

  describe('broken counterexamples do not validate', () => {
    let good: Counterexample;
    beforeAll(async () => {
      good = await found('passiveRstCloses');
    });
    const broken: [string, (cx: Record<string, any>) => void][] = [
      ['another version', (cx) => (cx.tcpconform = 2)],
      ['no rule at fault', (cx) => delete cx.divergence.rule],
      ['a state the model does not know', (cx) => (cx.divergence.stateBefore = 'SYN_RECV')],
      ['an input of an unknown kind', (cx) => cx.inputs.push({ kind: 'sleep', ms: 1 })],
      ['a peer segment measured from nowhere', (cx) => (cx.inputs[1].segment.seq.from = 'sndNxt')],
      ['an undocumented field inside the divergence', (cx) => (cx.divergence.note = 'x')],
      ['an ACK segment without its ACK number', (cx) => delete cx.trace[1].observed.segments[0].ack],
      ['a trace without the input that diverged', (cx) => delete cx.sent],
    ];
    test.each(broken)('%s', (_what, breakIt) => {
      const cx = JSON.parse(JSON.stringify(good));
      expect(errors(counterexampleValid, cx)).toEqual([]);
      breakIt(cx);
      expect(errors(counterexampleValid, cx)).not.toEqual([]);
    });

    test('a field added at the top level (a later addition) still validates', () => {
      expect(errors(counterexampleValid, { ...good, cmd: 'node my-shim.js' })).toEqual([]);
    });
  });
});

describe('docs/counterexample-format.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'counterexample-format.md'), 'utf8');

  /** Every property name a schema defines, at any depth. */
  function propertyNames(s: unknown, into = new Set<string>()): Set<string> {
    if (Array.isArray(s)) s.forEach((x) => propertyNames(x, into));
    else if (s && typeof s === 'object') {
      for (const [k, v] of Object.entries(s)) {
        if (k === 'properties') Object.keys(v as object).forEach((p) => into.add(p));
        propertyNames(v, into);
      }
    }
    return into;
  }

  test('names the version the tool writes', () => {
    expect(doc).toContain(`Format version **${COUNTEREXAMPLE_VERSION}**`);
  });

  test.each(['counterexample.schema.json', 'check-summary.schema.json'])('describes every field of %s', (name) => {
    const undocumented = [...propertyNames(schema(name))].filter(
      (p) => !doc.includes(`\`${p}\``) && !doc.includes(`"${p}"`),
    );
    expect(undocumented).toEqual([]);
  });
});

describe('check-summary.schema.json', () => {
  test('the --json summary of a check that finds a divergence validates, and so does the file it wrote', async () => {
    const r = await cli(
      'check',
      '--mutant',
      'passiveRstCloses',
      '--seed',
      '1',
      '--runs',
      '500',
      '--json',
      '--out-dir',
      tmp,
    );
    expect(r.code).toBe(1);
    const summary = lastLine(r.out);
    expect(errors(summaryValid, summary)).toEqual([]);
    const file = JSON.parse(fs.readFileSync(summary.divergences[0].file, 'utf8'));
    expect(errors(counterexampleValid, file)).toEqual([]);
  });

  test('the --json summary of a check that passes validates', async () => {
    const r = await cli('check', '--adapter', 'model', '--seed', '1', '--runs', '20', '--json', '--out-dir', tmp);
    expect(r.code).toBe(0);
    expect(errors(summaryValid, lastLine(r.out))).toEqual([]);
  });

  test('the --json summary of a pair-topology check validates', async () => {
    const r = await cli(
      'check',
      '--topology',
      'pair',
      '--loss',
      '0.1',
      '--seed',
      '1',
      '--runs',
      '5',
      '--json',
      '--out-dir',
      tmp,
    );
    expect(r.code).toBe(0);
    expect(errors(summaryValid, lastLine(r.out))).toEqual([]);
  });

  test('broken summaries do not validate', async () => {
    const good = lastLine(
      (await cli('check', '--mutant', 'passiveRstCloses', '--seed', '1', '--runs', '500', '--json', '--out-dir', tmp))
        .out,
    );
    const broken: ((s: Record<string, any>) => void)[] = [
      (s) => delete s.coverage,
      (s) => (s.coverage.rules.missing = 'none'),
      (s) => (s.runs = -1),
      (s) => delete s.divergences[0].divergence,
      (s) => (s.rates = { loss: 0, dup: 0, reorder: 0 }),
    ];
    for (const breakIt of broken) {
      const s = JSON.parse(JSON.stringify(good));
      breakIt(s);
      expect(errors(summaryValid, s)).not.toEqual([]);
    }
    expect(errors(summaryValid, { ...good, verdict: 'FAIL' })).toEqual([]);
  });
});

describe('check-summary.schema.json: parts and merges', () => {
  test('a --shard part and the merge of the parts validate; a part with a bad shard does not', async () => {
    const files: string[] = [];
    for (const i of [1, 2]) {
      const r = await cli('check', '--runs', '40', '--seed', '3', '--shard', `${i}/2`, '--json', '--out-dir', tmp);
      const part = lastLine(r.out);
      expect(errors(summaryValid, part)).toEqual([]);
      files.push(path.join(tmp, `part${i}.json`));
      fs.writeFileSync(files[files.length - 1], r.out);
    }
    const m = await cli('merge', ...files, '--json', '--out-dir', tmp);
    expect(errors(summaryValid, lastLine(m.out))).toEqual([]);
    const bad = lastLine(fs.readFileSync(files[0], 'utf8'));
    bad.shard.index = 0;
    expect(errors(summaryValid, bad)).not.toEqual([]);
  });
});
