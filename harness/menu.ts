// The inputs that are meaningful in the model's current state: what generation chooses from. Each item has a
// stable label, so coverage can bias the choice towards what has been tried least.
import { CallName, Input, PeerSegment } from '../models/input';
import { ACK, FIN, RST, SYN } from '../models/segment';
import { State, isSynchronized } from '../models/state';
import { Tcb } from '../models/tcb';
import { Capabilities } from '../adapters/types';
import { Pending } from '../models/timers';

export interface MenuItem {
  label: string;
  input: Input;
  /** `${state}:${label}`: what coverage counts and the bias weighs. */
  key: string;
  /** Its weight in the menu, where it is not the usual one of its count (harness/choose.ts). */
  weight?: number;
}

const seg = (
  ctl: number,
  seq: PeerSegment['seq'],
  ack?: PeerSegment['ack'],
  extra: Partial<PeerSegment> = {},
): Input => ({
  kind: 'segment',
  segment: { ctl, seq, ...(ack ? { ack } : {}), ...extra },
});
const at = (delta = 0): PeerSegment['seq'] => ({ from: 'rcvNxt', delta });
const nxt = (delta = 0): PeerSegment['ack'] => ({ from: 'sndNxt', delta });

const AGAIN = new Set<State>(['SynSent', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck']);

function calls(state: State, caps: Capabilities): Omit<MenuItem, 'key'>[] {
  const has = (c: CallName) => caps.calls.includes(c);
  const feature = (f: string) => (caps.features ?? []).includes(f);
  const items: Omit<MenuItem, 'key'>[] = [];
  if (state === 'Closed') {
    if (has('open.passive'))
      items.push({ label: 'open.passive', input: { kind: 'call', call: 'open', mode: 'passive' } });
    if (has('open.active')) items.push({ label: 'open.active', input: { kind: 'call', call: 'open', mode: 'active' } });
  } else if (state === 'Listen' && feature('openActiveFromListen')) {
    items.push({ label: 'open.active', input: { kind: 'call', call: 'open', mode: 'active' } });
  } else if (has('open.passive') && state !== 'Listen') {
    items.push({ label: 'open.again', input: { kind: 'call', call: 'open', mode: 'passive' } });
  }
  // OPEN active on a connection (sockets: connect() again), where the adapter can make it on the connection itself:
  // in SYN-SENT and the synchronized states past the handshake (in SYN-RECEIVED the user may hold only a listener).
  if (AGAIN.has(state) && has('open.active') && feature('openActiveAgain'))
    items.push({ label: 'open.active.again', input: { kind: 'call', call: 'open', mode: 'active' } });
  if (has('send') && (state !== 'Listen' || feature('sendFromListen'))) {
    items.push({ label: 'send', input: { kind: 'call', call: 'send', data: 'hello' } });
    items.push({
      label: 'send.long',
      input: { kind: 'call', call: 'send', data: 'abcdefghijklmnopqrstuvwxyz0123456789' },
    });
  }
  if (has('receive')) items.push({ label: 'receive', input: { kind: 'call', call: 'receive' } });
  if (has('close') && state !== 'Closed') items.push({ label: 'close', input: { kind: 'call', call: 'close' } });
  if (has('close.halfDuplex') && state !== 'Closed')
    items.push({ label: 'close.halfDuplex', input: { kind: 'call', call: 'close', mode: 'halfDuplex' } });
  if (has('abort') && state !== 'Closed') items.push({ label: 'abort', input: { kind: 'call', call: 'abort' } });
  if (state === 'Closed') {
    // errors of calls without a connection, rarely
    if (has('send')) items.push({ label: 'send.closed', input: { kind: 'call', call: 'send', data: 'x' } });
    if (has('close')) items.push({ label: 'close.closed', input: { kind: 'call', call: 'close' } });
    if (has('abort')) items.push({ label: 'abort.closed', input: { kind: 'call', call: 'abort' } });
  }
  return items;
}

function segments(t: Tcb): Omit<MenuItem, 'key'>[] {
  const s = t.state;
  const items: Omit<MenuItem, 'key'>[] = [];
  const add = (label: string, input: Input) => items.push({ label, input });
  if (s === 'Closed' || s === 'Listen') {
    add('syn', seg(SYN, { from: 'peerIss', delta: 0 }));
    add('syn.mss', seg(SYN, { from: 'peerIss', delta: 0 }, undefined, { mss: 4 }));
    add('ack', seg(ACK, { from: 'peerIss', delta: 1 }, { from: 'iss', delta: 77 }));
    add('rst', seg(RST, { from: 'peerIss', delta: 1 }));
    add('fin', seg(FIN, { from: 'peerIss', delta: 1 }));
    return items;
  }
  if (s === 'SynSent') {
    add('synAck', seg(SYN | ACK, { from: 'peerIss', delta: 0 }, nxt()));
    add('synAck.mss', seg(SYN | ACK, { from: 'peerIss', delta: 0 }, nxt(), { mss: 4 }));
    add('syn', seg(SYN, { from: 'peerIss', delta: 0 }));
    add('synAckFin', seg(SYN | ACK | FIN, { from: 'peerIss', delta: 0 }, nxt()));
    add('synAck.badAck', seg(SYN | ACK, { from: 'peerIss', delta: 0 }, nxt(1)));
    add('ack.bad', seg(ACK, { from: 'peerIss', delta: 0 }, { from: 'iss', delta: 0 }));
    // An ACK of our SYN without a SYN: a peer that holds a half-open connection (RFC 9293 §3.5.1).
    add('ack.synAcked', seg(ACK, { from: 'peerIss', delta: 1 }, nxt()));
    add('rstAck', seg(RST | ACK, { from: 'peerIss', delta: 0 }, nxt()));
    add('rst', seg(RST, { from: 'peerIss', delta: 0 }));
    add('fin', seg(FIN, { from: 'peerIss', delta: 0 }));
    return items;
  }
  // SYN-RECEIVED and the synchronized states
  add('ack', seg(ACK, at(), nxt()));
  add('ack.partial', seg(ACK, at(), { from: 'sndUna', delta: 1 }));
  add('ack.old', seg(ACK, at(), { from: 'sndUna', delta: -1 }));
  add('ack.window', seg(ACK, at(), nxt(), { wnd: 4096 }));
  add('data', seg(ACK, at(), nxt(), { data: 'xyz' }));
  add('fin', seg(FIN | ACK, at(), nxt()));
  add('fin.noAckOfOurs', seg(FIN | ACK, at(), { from: 'sndUna', delta: 0 }));
  add('dataFin', seg(FIN | ACK, at(), nxt(), { data: 'bye' }));
  add('rst', seg(RST, at()));
  add('rst.inWindow', seg(RST, at(1)));
  add('rst.outside', seg(RST, { from: 'rcvWndEdge', delta: 10 }));
  // The acceptability test's boundary (RFC 9293 §3.4): a segment without octets at RCV.NXT+RCV.WND is just
  // outside the window.
  add('rst.windowEdge', seg(RST, { from: 'rcvWndEdge', delta: 0 }));
  add('ack.windowEdge', seg(ACK, { from: 'rcvWndEdge', delta: 0 }, nxt()));
  add('syn', seg(SYN, at()));
  add('syn.outside', seg(SYN, { from: 'rcvWndEdge', delta: 10 }));
  add('data.old', seg(ACK, at(-3), nxt(), { data: 'old' }));
  add('data.overlap', seg(ACK, at(-2), nxt(), { data: 'ovrlap' }));
  add('data.ahead', seg(ACK, at(2), nxt(), { data: 'ahd' }));
  add('data.outside', seg(ACK, { from: 'rcvWndEdge', delta: 5 }, nxt(), { data: 'far' }));
  add('data.noAck', seg(0, at(), undefined, { data: 'nak' }));
  add('ack.future', seg(ACK, at(), nxt(5)));
  add('ack.tooOld', seg(ACK, at(), { from: 'sndUna', delta: -200000 }));
  if (isSynchronized(s) && (s === 'CloseWait' || s === 'Closing' || s === 'LastAck' || s === 'TimeWait')) {
    add('fin.retransmitted', seg(FIN | ACK, at(-1), nxt()));
  }
  if (s === 'SynReceived') {
    add('ack.bad', seg(ACK, at(), nxt(3)));
    add('syn.again', seg(SYN, at(-1))); // the peer's SYN sent again: our SYN,ACK was lost
    add('synAck.crossed', seg(SYN | ACK, at(-1), nxt())); // simultaneous open: the peer's SYN,ACK
  }
  return items;
}

const LABELS = new Map<string, string>();
/** `wait.<timer>` (or `wait.<timer>.early`), built once per timer. */
function timerLabel(name: string, early = false): string {
  const k = early ? name + '!' : name;
  let l = LABELS.get(k);
  if (l === undefined) LABELS.set(k, (l = early ? `wait.${name}.early` : `wait.${name}`));
  return l;
}

/** The longest wait generated against a real-time IUT unless --slow asks for its long timers. */
export const REAL_TIME_WAIT_LIMIT = 1000;

function waits(t: Tcb, timers: readonly Pending[], realTime: { slow: boolean } | null): Omit<MenuItem, 'key'>[] {
  if (realTime && !realTime.slow) {
    // Real time is expensive: a short pause (delayed ACKs show), and the near timers only.
    const items: Omit<MenuItem, 'key'>[] = [{ label: 'wait.short', input: { kind: 'wait', ms: 50 } }];
    for (const p of timers)
      if (p.hi > t.now && p.hi - t.now <= REAL_TIME_WAIT_LIMIT)
        items.push({ label: timerLabel(p.name), input: { kind: 'wait', ms: p.hi - t.now } });
    return items;
  }
  const items: Omit<MenuItem, 'key'>[] = [
    { label: 'wait.short', input: { kind: 'wait', ms: 100 } },
    { label: 'wait.delayedAck', input: { kind: 'wait', ms: 500 } },
    { label: 'wait.rto', input: { kind: 'wait', ms: 3000 } },
  ];
  // Up to the moment each timer must have fired, and to just before it may fire: timers that fire too late
  // or too early both show.
  for (const p of timers) {
    if (p.hi > t.now) items.push({ label: timerLabel(p.name), input: { kind: 'wait', ms: p.hi - t.now } });
    if (p.lo - 1 > t.now && p.name !== 'delayedAck')
      items.push({ label: timerLabel(p.name, true), input: { kind: 'wait', ms: p.lo - 1 - t.now } });
  }
  if (t.state === 'FinWait2') items.push({ label: 'wait.2msl', input: { kind: 'wait', ms: 240000 } });
  return items;
}

type Draft = Omit<MenuItem, 'key'>;

/** The calls and segments offered in a state depend only on the state and the capabilities: built once. */
const STATIC = new WeakMap<Capabilities, Map<State, MenuItem[]>>();

export function staticItems(t: Tcb, caps: Capabilities): MenuItem[] {
  let byState = STATIC.get(caps);
  if (!byState) STATIC.set(caps, (byState = new Map()));
  let items = byState.get(t.state);
  if (!items) {
    const drafts: Draft[] = calls(t.state, caps);
    if (caps.segments) drafts.push(...segments(t));
    items = drafts.map((d) => ({ ...d, key: `${t.state}:${d.label}` }));
    byState.set(t.state, items);
  }
  return items;
}

/** The waits worth trying now: they depend on the clock and the pending timers. Their keys are interned by
 *  state, then label, so that the hot path builds no strings. */
const WAIT_KEYS = new Map<State, Map<string, string>>();

export function waitItems(t: Tcb, timers: readonly Pending[], realTime: { slow: boolean } | null = null): MenuItem[] {
  const ws = waits(t, timers, realTime) as MenuItem[];
  let byLabel = WAIT_KEYS.get(t.state);
  if (!byLabel) WAIT_KEYS.set(t.state, (byLabel = new Map()));
  for (const w of ws) {
    let key = byLabel.get(w.label);
    if (key === undefined) byLabel.set(w.label, (key = `${t.state}:${w.label}`));
    w.key = key;
  }
  return ws;
}

export function menu(t: Tcb, caps: Capabilities, timers: readonly Pending[]): MenuItem[] {
  return [...staticItems(t, caps), ...waitItems(t, timers, caps.clock === 'real' ? { slow: false } : null)];
}
