// The wire-level segment, shared by the model and every adapter (RFC 793 §3.1; RFC 9293 §3.1).
// Only the fields that connection management depends on: URG and the urgent pointer are out of scope.

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

/** The control bits the conformance relation compares (PSH is advisory and ignored). */
export const CTL_COMPARED = FIN | SYN | RST | ACK;

export interface Segment {
  seq: number;
  /** Meaningful only when the ACK bit is set. */
  ack: number;
  ctl: number;
  wnd: number;
  /** Payload as a byte string (latin1): payloads here are a few bytes. */
  data: string;
  /** Maximum Segment Size option value, when present (RFC 9293 §3.7.1). */
  mss?: number;
  /** Window-scale option value (RFC 7323 §2.2), when present: only ever on a SYN, and only the IUT sends one.
   *  Not compared by the conformance relation; the model reads it to know what shift the IUT offered. */
  wscale?: number;
}

/** SEG.LEN: data plus one for SYN and one for FIN (RFC 793 §3.3; RFC 9293 §3.4). */
export function segLen(s: Segment): number {
  return s.data.length + (s.ctl & SYN ? 1 : 0) + (s.ctl & FIN ? 1 : 0);
}

const NAMES: [number, string][] = [
  [SYN, 'SYN'],
  [FIN, 'FIN'],
  [RST, 'RST'],
  [ACK, 'ACK'],
  [PSH, 'PSH'],
];

/** "SYN,ACK" — the order the RFC's figures use. */
export function ctlToString(ctl: number): string {
  return NAMES.filter(([bit]) => ctl & bit)
    .map(([, n]) => n)
    .join(',');
}

export function ctlFromString(text: string): number {
  let ctl = 0;
  for (const part of text.split(',').map((p) => p.trim().toUpperCase())) {
    if (part === '') continue;
    const found = NAMES.find(([, n]) => n === part);
    if (!found) throw new Error(`unknown control bit "${part}" (expected SYN, FIN, RST, ACK or PSH)`);
    ctl |= found[0];
  }
  return ctl;
}

/** RFC 793 figure notation: <SEQ=100><ACK=301><CTL=SYN,ACK><DATA=2>. */
export function formatSegment(s: Segment): string {
  let out = `<SEQ=${s.seq}>`;
  if (s.ctl & ACK) out += `<ACK=${s.ack}>`;
  const ctl = ctlToString(s.ctl & CTL_COMPARED);
  if (ctl) out += `<CTL=${ctl}>`;
  if (s.data.length) out += `<DATA=${JSON.stringify(s.data)}>`;
  if (s.mss !== undefined) out += `<MSS=${s.mss}>`;
  if (s.wscale !== undefined) out += `<WS=${s.wscale}>`;
  return out;
}

/** Equal for the purposes of conformance: same SEQ, same ACK when ACK is set, same control bits, same data. */
export function sameSegment(a: Segment, b: Segment): boolean {
  return (
    a.seq === b.seq &&
    (a.ctl & CTL_COMPARED) === (b.ctl & CTL_COMPARED) &&
    (!(a.ctl & ACK) || a.ack === b.ack) &&
    a.data === b.data
  );
}

/** The JSON shape used in counterexample files: control bits spelled out. */
export interface SegmentJson {
  seq: number;
  ack?: number;
  ctl: string;
  wnd: number;
  data?: string;
  mss?: number;
  wscale?: number;
}

export function segmentToJson(s: Segment): SegmentJson {
  const j: SegmentJson = { seq: s.seq, ctl: ctlToString(s.ctl), wnd: s.wnd };
  if (s.ctl & ACK) j.ack = s.ack;
  if (s.data) j.data = s.data;
  if (s.mss !== undefined) j.mss = s.mss;
  if (s.wscale !== undefined) j.wscale = s.wscale;
  return j;
}

export function segmentFromJson(j: SegmentJson): Segment {
  const s: Segment = { seq: j.seq, ack: j.ack ?? 0, ctl: ctlFromString(j.ctl), wnd: j.wnd, data: j.data ?? '' };
  if (j.mss !== undefined) s.mss = j.mss;
  if (j.wscale !== undefined) s.wscale = j.wscale;
  return s;
}
