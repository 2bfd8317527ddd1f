// The model: a pure function from (TCB, input, profile) to the set of allowed outcomes (docs/design.md §1).
import { arrivesSynchronized } from './arrives-synchronized';
import { arrivesClosed, arrivesListen, arrivesSynSent } from './arrives-unsynchronized';
import { ConcreteInput } from './input';
import { Draft, Outcome } from './outcome';
import { Profile } from './profile';
import { sendAck } from './emit';
import { Segment, sameSegment } from './segment';
import { Tcb, copyTcb, sameTcb } from './tcb';
import { wait } from './timers';
import { learnAdvertised } from './window';
import { userCall } from './user';

export interface StepEnv {
  /**
   * The ISS to use if this step selects one. The IUT chooses its ISS freely (RFC 9293 §3.4.1); the harness
   * passes the one the IUT's SYN carried, and the model adapter passes its own generator's.
   */
  iss: number;
  /** The IUT runs on a real clock: its timers may fire while an input is on its way to it. */
  realClock?: boolean;
  /**
   * What the IUT was seen to send in this step, where the harness knows it. When a timer's segment went out
   * before the input was taken in, the window that segment advertised (the IUT's choice) is the one the input
   * is judged with; the model's own guess of it could turn an acceptable segment into an unacceptable one.
   */
  observed?: readonly Segment[];
}

export function step(tcb: Tcb, input: ConcreteInput, profile: Profile, env: StepEnv): Outcome[] {
  let drafts = apply(new Draft(copyTcb(tcb), profile), input, env);
  // Only an ACK owed from before this input: one this input itself delays has its "now" outcome already.
  if (input.kind !== 'wait' && tcb.ackDue !== null) {
    drafts = owedAckMayLeave(drafts);
  }
  if (input.kind !== 'wait' && env.realClock) {
    // On a real clock time also passes while an input is on its way: a timer whose window has opened (an owed
    // delayed ACK, a retransmission now due) may fire just before the input is taken in.
    for (const f of wait(new Draft(copyTcb(tcb), profile), 0)) {
      if (f.rules.length === 0) continue; // nothing fired: the input's own outcomes above
      const first = new Draft(learnt(f, env.observed), profile, f.segments, f.signals, f.rules);
      for (const x of apply(first, input, env)) if (!drafts.some((y) => sameEffect(x, y))) drafts.push(x);
    }
    // ... and while its answer is on its way back: a timer the input armed to run out at once (Linux's SYN sent
    // again within milliseconds of an unacceptable ACK) may fire before the IUT's answer has been collected.
    for (const x of drafts.slice()) {
      for (const f of wait(x.fork(), 0)) {
        if (f.rules.length > x.rules.length && !drafts.some((y) => sameEffect(f, y))) drafts.push(f);
      }
    }
  }
  profile.replaces?.afterStep?.(drafts, tcb);
  return drafts.map((x) => x.outcome());
}

/** The TCB after a timer fired, with the windows its segments advertised as the IUT really sent them. */
function learnt(f: Draft, observed: readonly Segment[] | undefined): Tcb {
  if (!observed || observed.length < f.segments.length) return f.t;
  if (!f.segments.every((s, i) => sameSegment(s, observed[i]))) return f.t;
  return learnAdvertised(f.t, observed.slice(0, f.segments.length));
}

/** Two drafts that the IUT could not tell apart: the same segments, answer, signals and TCB. */
function sameEffect(a: Draft, b: Draft): boolean {
  if (a.segments.length !== b.segments.length || a.signals.join() !== b.signals.join()) return false;
  if (!a.segments.every((s, i) => sameSegment(s, b.segments[i]))) return false;
  const r = a.result;
  const q = b.result;
  if (
    r !== q &&
    (!r || !q || r.ok !== q.ok || (r.ok ? r.data !== (q as typeof r).data : r.error !== (q as typeof r).error))
  )
    return false;
  return sameTcb(a.t, b.t);
}

/** The input's own outcomes, from the TCB the draft holds. */
function apply(d: Draft, input: ConcreteInput, env: StepEnv): Draft[] {
  switch (input.kind) {
    case 'call':
      return userCall(d, input, env.iss);
    case 'segment': {
      const after = d.p.replaces?.afterSegment;
      const before = after ? copyTcb(d.t) : d.t;
      const drafts = segmentArrives(d, input.segment, env.iss);
      return after ? after(drafts, input.segment, before) : drafts;
    }
    case 'wait':
      return wait(d, input.ms);
  }
}

/**
 * An ACK that was being delayed may go out with any later event, not only when its timer runs out: an
 * implementation checks for owed ACKs whenever it processes something (RFC 9293 §3.8.6.3 bounds only the
 * delay; Linux's tcp_ack_snd_check, lwIP's tcp_input).
 */
function owedAckMayLeave(drafts: Draft[]): Draft[] {
  const out = drafts.slice();
  for (const x of drafts) {
    if (x.t.ackDue === null || x.t.state === 'Closed') continue;
    const y = x.fork();
    y.fire('ack.delayedSent');
    sendAck(y);
    out.push(y);
  }
  return out;
}

function segmentArrives(d: Draft, seg: Segment, iss: number): Draft[] {
  const replaced = d.p.replaces?.segmentArrives?.(d, seg, iss);
  if (replaced) return replaced;
  switch (d.t.state) {
    case 'Closed':
      return arrivesClosed(d, seg);
    case 'Listen':
      return arrivesListen(d, seg, iss);
    case 'SynSent':
      return arrivesSynSent(d, seg);
    default:
      return arrivesSynchronized(d, seg);
  }
}
