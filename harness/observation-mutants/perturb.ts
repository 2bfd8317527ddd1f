// Observation mutants (issue 12, item 3): the oracle's own score. Each perturbation changes one thing the IUT
// was seen to do — a segment dropped, doubled or made up, a flag flipped, SEQ, ACK or WND moved by one, a wrong
// state or answer (or only the errno beside the answer's words), a timer's segments moved to the step before or
// after — and the question is whether the model still accepts the run. What it accepts is what a PASS does not
// exclude.
import { Capabilities } from '../../adapters/types';
import { ConcreteInput } from '../../models/input';
import { CallResult, Observation } from '../../models/observation';
import { ACK, FIN, RST, SYN, Segment } from '../../models/segment';
import { STATES } from '../../models/state';

export const KINDS = [
  'segment.drop',
  'segment.duplicate',
  'segment.spurious',
  'flag.SYN',
  'flag.ACK',
  'flag.FIN',
  'flag.RST',
  'seq+1',
  'seq-1',
  'ack+1',
  'ack-1',
  'wnd+1',
  'wnd-1',
  'state',
  'result',
  'errno',
  'timer.early',
  'timer.late',
] as const;

export type Kind = (typeof KINDS)[number];

/** One step of a recorded run. */
export interface Recorded {
  concrete: ConcreteInput;
  observed: Observation;
}

/** Where a perturbation applies: the step, and the segment of that step's observation where it is one. */
export interface Site {
  step: number;
  segment?: number;
}

const u32 = (x: number) => x >>> 0;
const FLAG: Partial<Record<Kind, number>> = { 'flag.SYN': SYN, 'flag.ACK': ACK, 'flag.FIN': FIN, 'flag.RST': RST };

/** Every place in the run where a perturbation of this kind can be made. */
export function sites(run: readonly Recorded[], kind: Kind, caps: Capabilities): Site[] {
  const out: Site[] = [];
  run.forEach((r, step) => {
    const segs = r.observed.segments;
    switch (kind) {
      case 'segment.spurious':
        // A made-up segment needs something to make it from: a segment the IUT sent before.
        if (run.slice(0, step + 1).some((x) => x.observed.segments.length)) out.push({ step });
        return;
      case 'state':
        if (caps.state && r.observed.state) out.push({ step });
        return;
      case 'result':
        if (r.observed.result) out.push({ step });
        return;
      case 'errno':
        // Only where the adapter reports the implementation's own name of an error.
        if (r.observed.result && !r.observed.result.ok && r.observed.result.errno) out.push({ step });
        return;
      case 'timer.early':
        if (r.concrete.kind === 'wait' && segs.length && step > 0) out.push({ step });
        return;
      case 'timer.late':
        if (r.concrete.kind === 'wait' && segs.length && step + 1 < run.length) out.push({ step });
        return;
      default:
        segs.forEach((s, segment) => {
          if ((kind === 'ack+1' || kind === 'ack-1') && !(s.ctl & ACK)) return;
          out.push({ step, segment });
        });
    }
  });
  return out;
}

function wrongResult(r: CallResult): CallResult {
  if (!r.ok) return r.error === 'connection reset' ? { ok: true } : { ok: false, error: 'connection reset' };
  if (r.data) return { ok: true, data: r.data + 'x' };
  return { ok: false, error: 'connection does not exist' };
}

/** Another errno that reads as the same RFC words where one does (ECONNRESET and EPIPE are both "connection
 *  reset"), so that only the implementation's own name of the error is wrong. */
const OTHER_ERRNO: Record<string, string> = {
  ECONNRESET: 'EPIPE',
  EPIPE: 'ECONNRESET',
  ETIMEDOUT: 'ECONNRESET',
  ECONNREFUSED: 'ECONNRESET',
  EOF: 'EPIPE',
  ENOTCONN: 'EBADF',
  EBADF: 'ENOTCONN',
  EADDRINUSE: 'EISCONN',
  EISCONN: 'EADDRINUSE',
  EAGAIN: 'ENOBUFS',
};

/** The last segment the IUT sent at or before this step: a made-up one is a copy of it, one further on. */
function lastSent(run: readonly Recorded[], step: number): Segment {
  for (let i = step; i >= 0; i--) {
    const segs = run[i].observed.segments;
    if (segs.length) return segs[segs.length - 1];
  }
  throw new Error('no segment to make one from');
}

/** The run's observations with the perturbation made, and a few words saying what it was. */
export function perturbed(run: readonly Recorded[], kind: Kind, at: Site): { observed: Observation[]; what: string } {
  const observed = run.map((r) => ({ ...r.observed, segments: [...r.observed.segments] }));
  const o = observed[at.step];
  const i = at.segment ?? 0;
  const s = o.segments[i];
  const set = (seg: Segment, what: string) => {
    o.segments[i] = seg;
    return { observed, what };
  };
  switch (kind) {
    case 'segment.drop':
      o.segments.splice(i, 1);
      return { observed, what: 'a segment left out' };
    case 'segment.duplicate':
      o.segments.splice(i, 0, { ...s });
      return { observed, what: 'a segment sent twice' };
    case 'segment.spurious': {
      const last = lastSent(run, at.step);
      const seg = { ...last, seq: u32(last.seq + Math.max(1, last.data.length)), data: '' };
      o.segments.push(seg);
      return { observed, what: 'a segment made up' };
    }
    case 'seq+1':
    case 'seq-1':
      return set({ ...s, seq: u32(s.seq + (kind === 'seq+1' ? 1 : -1)) }, `SEQ ${kind.slice(3)}`);
    case 'ack+1':
    case 'ack-1':
      return set({ ...s, ack: u32(s.ack + (kind === 'ack+1' ? 1 : -1)) }, `ACK ${kind.slice(3)}`);
    case 'wnd+1':
    case 'wnd-1':
      return set({ ...s, wnd: (s.wnd + (kind === 'wnd+1' ? 1 : 65535)) % 65536 }, `WND ${kind.slice(3)}`);
    case 'state': {
      const wrong = STATES[(STATES.indexOf(o.state!) + 1) % STATES.length];
      o.state = wrong;
      return { observed, what: `state reported as ${wrong}` };
    }
    case 'result':
      o.result = wrongResult(o.result!);
      return { observed, what: 'a wrong answer' };
    case 'errno': {
      const r = o.result as Extract<CallResult, { ok: false }>;
      const errno = OTHER_ERRNO[r.errno!] ?? 'EIO';
      o.result = { ...r, errno };
      return { observed, what: `errno ${errno} for ${r.errno}, the same words` };
    }
    case 'timer.early':
    case 'timer.late': {
      const other = observed[at.step + (kind === 'timer.early' ? -1 : 1)];
      other.segments = kind === 'timer.early' ? [...other.segments, ...o.segments] : [...o.segments, ...other.segments];
      o.segments = [];
      return { observed, what: `a timer's segments one step ${kind === 'timer.early' ? 'earlier' : 'later'}` };
    }
    default: {
      const bit = FLAG[kind]!;
      const ctl = s.ctl ^ bit;
      return set({ ...s, ctl, ack: ctl & ACK ? s.ack : 0 }, `${kind.slice(5)} ${s.ctl & bit ? 'cleared' : 'set'}`);
    }
  }
}
