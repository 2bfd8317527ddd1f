// `tcpconform rules` as a reader uses it: one heading per event, for a pair of rules an implementation profile
// overrides, which of the two applies under it, and under a catalogue rule, where an implementation replaces it.
import { rulesCommand } from './rules-command';

function rulesText(profile: string, json = false): string {
  let out = '';
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  try {
    expect(rulesCommand({ profile, json })).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

/** The lines of one rule's entry, from its id line to the next rule or heading. */
function entry(text: string, id: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`  ${id}`);
  expect(start).toBeGreaterThan(0);
  let end = start + 1;
  while (end < lines.length && lines[end].startsWith('      ')) end++;
  return lines.slice(start, end).join('\n');
}

describe.each(['rfc793', 'rfc9293', 'lwip', 'linux'])('rules --profile %s', (profile) => {
  test('each event has one heading', () => {
    const headings = rulesText(profile)
      .split('\n')
      .filter((l) => l.startsWith('== '));
    expect(headings.length).toBeGreaterThan(5);
    expect(new Set(headings).size).toBe(headings.length);
  });
});

describe('rules --profile linux says which rule of an overridden pair applies', () => {
  const text = rulesText('linux');

  test("SEND before ESTABLISHED: the sockets rule applies, the RFC's queueing does not", () => {
    expect(entry(text, 'send.queue')).toMatch(/under linux: does not apply — .*send\.synSent\.refused/);
    expect(entry(text, 'send.synSent.refused')).toMatch(/under linux: applies; send\.queue does not/);
  });

  test('a second CLOSE in CLOSING: close.again.ok applies, close.closing does not', () => {
    expect(entry(text, 'close.closing')).toMatch(/under linux: does not apply/);
    expect(entry(text, 'close.again.ok')).toMatch(/under linux: applies; close\.closing does not/);
  });

  test("a rule a feature replaces (RFC 5961 §4 over RFC 793's reset) is named beside its replacement", () => {
    expect(text).not.toMatch(/^ {2}syn\.reset$/m);
    expect(entry(text, 'syn.challenge')).toMatch(/under linux: applies, in place of syn\.reset/);
  });

  test('rules no override touches carry no such note', () => {
    expect(entry(text, 'open.passive')).not.toMatch(/under linux/);
  });
});

describe('rules shows under a catalogue rule where lwip and linux replace it', () => {
  const text = rulesText('rfc9293');

  test('the simultaneous open of SYN-SENT: lwIP drops the SYN, as its tcp_process() takes only a SYN,ACK there', () => {
    expect(entry(text, 'synSent.syn')).toMatch(
      /\n {6}replaced in lwip by synSent\.syn\.ignored \(lwIP 2\.1\.3 tcp_in\.c: tcp_process\(\), case SYN_SENT/,
    );
    expect(entry(text, 'synSent.syn')).not.toMatch(/replaced in linux/);
  });

  test('SEND before ESTABLISHED is queued by the RFC, refused by sockets, and goes to the listener before accept', () => {
    const queue = entry(text, 'send.queue');
    expect(queue).toMatch(/replaced in linux by send\.synSent\.refused \(Linux tcp\.c: tcp_sendmsg_locked\(\)/);
    expect(queue).toMatch(/replaced in linux by send\.synReceived\.unaccepted \(/);
    expect(queue).toMatch(/replaced in lwip by send\.synReceived\.unaccepted \(lwIP 2\.1\.3 /);
  });

  test('a rule every profile keeps has no such line, nor has a profile rule', () => {
    expect(entry(text, 'open.passive')).not.toMatch(/replaced in/);
    expect(entry(rulesText('lwip'), 'synSent.syn.ignored')).not.toMatch(/replaced in/);
  });

  test('--json gives replacedBy on each catalogue rule, none on a profile rule', () => {
    const rules = (JSON.parse(rulesText('lwip', true)) as { rules: { id: string; replacedBy?: unknown }[] }).rules;
    const byId = new Map(rules.map((r) => [r.id, r]));
    expect(byId.get('ack.missing')!.replacedBy).toContainEqual({
      profile: 'lwip',
      rule: 'ack.missing.textAccepted',
      cite: expect.stringContaining('tcp_receive()'),
    });
    expect(byId.get('open.passive')!.replacedBy).toEqual([]);
    expect(byId.get('ack.missing.textAccepted')).not.toHaveProperty('replacedBy');
  });
});

describe('rules lists under each rule the specs that declare it', () => {
  const text = rulesText('rfc9293');
  // handshake.spec.ts plays OPEN passive then the tester's SYN and checks the SYN,ACK it gets: LISTEN's SYN rule.
  const synAckSpec = 'the MSS option is announced on the SYN,ACK (passive open)';

  test('a spec of the handshake file is listed under the rule it checks, and not under an unrelated one', () => {
    expect(entry(text, 'listen.syn')).toContain(`tested by: spec/handshake.spec.ts: ${synAckSpec}`);
    expect(entry(text, 'timeout.timeWait')).not.toContain(synAckSpec);
  });

  test('every rule says by which specs it is tested, or that none tests it', () => {
    const ids = text.split('\n').filter((l) => /^ {2}\S/.test(l) && !l.startsWith('  - '));
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) expect(entry(text, id.trim())).toMatch(/\n {6}tested by: /);
  });

  test('--json gives each rule its specs', () => {
    const json = JSON.parse(rulesText('rfc9293', true)) as { rules: { id: string; specs: { file: string }[] }[] };
    const listenSyn = json.rules.find((r) => r.id === 'listen.syn')!;
    expect(listenSyn.specs).toContainEqual({ file: 'spec/handshake.spec.ts', spec: synAckSpec });
    expect(json.rules.every((r) => Array.isArray(r.specs))).toBe(true);
  });
});
