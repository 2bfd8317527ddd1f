// Writing a scenario back as text (docs/scenarios.md): the same lines the parser reads.
import { Input, PeerSegment } from '../../models/input';
import { ACK, FIN, PSH, RST, SYN } from '../../models/segment';
import { stateName } from '../../models/state';
import { DEFAULT_PEER_ISS, DEFAULT_SEED, Scenario, ScenarioStep, SegmentPattern } from './scenario';
import { quote } from './tokens';

/** packetdrill's flag letters, in its order. */
export function flagsText(ctl: number): string {
  let f = '';
  if (ctl & FIN) f += 'F';
  if (ctl & SYN) f += 'S';
  if (ctl & RST) f += 'R';
  if (ctl & PSH) f += 'P';
  if (ctl & ACK) f += '.';
  return f || '-';
}

export const rangeText = (start: number, len: number): string => `${start}:${start + len}(${len})`;

const SEQ_NAME = { rcvNxt: 'rcv.nxt', rcvWndEdge: 'wnd.edge' } as const;
const ACK_NAME = { sndNxt: 'snd.nxt', sndUna: 'snd.una' } as const;
const offset = (name: string, d: number) => (d === 0 ? name : `${name}${d > 0 ? '+' : ''}${d}`);

function inboundText(p: PeerSegment): string {
  const len = p.data?.length ?? 0;
  const seq =
    p.seq.from === 'peerIss'
      ? rangeText(p.seq.delta, len)
      : `${offset(SEQ_NAME[p.seq.from], p.seq.delta)}:${offset(SEQ_NAME[p.seq.from], p.seq.delta + len)}(${len})`;
  let t = `< ${flagsText(p.ctl)} ${seq}`;
  if (p.ack) t += ` ack ${p.ack.from === 'iss' ? p.ack.delta : offset(ACK_NAME[p.ack.from], p.ack.delta)}`;
  if (p.wnd !== undefined) t += ` win ${p.wnd}`;
  if (p.mss !== undefined) t += ` <mss ${p.mss}>`;
  if (len > 0 && p.data !== 'x'.repeat(len)) t += ` data ${quote(p.data!)}`;
  return t;
}

export function inputText(i: Input): string {
  switch (i.kind) {
    case 'wait':
      return `+${i.ms / 1000}`;
    case 'segment':
      return inboundText(i.segment);
    case 'call':
      switch (i.call) {
        case 'open':
          return `OPEN ${i.mode}`;
        case 'send':
          return `SEND ${quote(i.data)}`;
        case 'receive':
          return 'RECEIVE';
        case 'close':
          return i.mode === 'halfDuplex' ? 'CLOSE half-duplex' : 'CLOSE';
        case 'abort':
          return 'ABORT';
      }
  }
}

export function patternText(p: SegmentPattern): string {
  const range = p.seq === '*' ? (p.len === '*' ? '*' : `*:*(${p.len})`) : rangeText(p.seq, p.len as number);
  let t = `> ${flagsText(p.ctl)} ${range}`;
  if (p.ack !== undefined) t += ` ack ${p.ack}`;
  if (p.data !== undefined && p.data !== '') t += ` data ${quote(p.data)}`;
  return t;
}

/** One step: its input (with its answer) and then its expectations, indented. */
export function stepLines(s: ScenarioStep): string[] {
  const e = s.expect;
  const r = e.result;
  const answer = r ? ` = ${r.ok ? (r.data !== undefined ? `ok ${quote(r.data)}` : 'ok') : quote(r.error)}` : '';
  const lines = [inputText(s.input) + answer];
  if (e.segments) lines.push(...(e.segments.length ? e.segments.map(patternText) : ['> none']));
  if (e.state) lines.push(`state ${stateName(e.state)}`);
  if (e.signals) lines.push(...(e.signals.length ? e.signals.map((x) => `signal ${quote(x)}`) : ['signals none']));
  return [lines[0], ...lines.slice(1).map((l) => '  ' + l)];
}

export function scenarioText(sc: Omit<Scenario, 'file'>, comments: readonly string[] = []): string {
  const head = [
    ...comments.map((c) => `# ${c}`),
    ...(sc.title !== undefined ? [`scenario ${quote(sc.title)}`] : []),
    ...(sc.profile !== undefined ? [`profile ${sc.profile}`] : []),
    ...(sc.peerIss !== DEFAULT_PEER_ISS ? [`peer-iss ${sc.peerIss}`] : []),
    ...(sc.seed !== DEFAULT_SEED ? [`seed ${sc.seed}`] : []),
  ];
  return [...head, ...(head.length ? [''] : []), ...sc.steps.flatMap(stepLines), ''].join('\n');
}
