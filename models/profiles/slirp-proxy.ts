// libslirp is a proxy (profile slirp): its "user" is a host socket, and slirp reads that socket only while the
// connection is synchronized and the user has not closed it (slirp.c: slirp_pollfds_fill(), CONN_CANFRCV). So
// the user's SEND, CLOSE and ABORT before ESTABLISHED wait in the host socket until the handshake completes,
// and after the user's CLOSE a later ABORT or close() shows only when slirp next writes to the socket
// (docs/design.md §7).
import { UserCall } from '../input';
import { Draft } from '../outcome';
import { fail, ok, rfcUserCall, userCall } from '../user';
import { returnToListen } from '../output';
import { Tcb, profileState } from '../tcb';

/** The calls the host socket holds, oldest first (JSON: flat TCB state holds strings only), and what the user has
 *  done to the socket: let go of it (close(), ABORT), reset it behind data (read as an end of stream), reset it
 *  after CLOSE; and whether slirp has written text to it since the user closed it. */
const proxy = profileState<{
  held: string;
  letGo: boolean;
  userReset: boolean;
  hostReset: boolean;
  wroteAfterClose: boolean;
}>({ held: '[]', letGo: false, userReset: false, hostReset: false, wroteAfterClose: false });

const heldOf = (t: Tcb): UserCall[] => JSON.parse(proxy.get(t, 'held')) as UserCall[];

/** The states before the handshake completes, while slirp does not read its host socket. */
export const UNSYNCHRONIZED: ReadonlySet<string> = new Set(['SynSent', 'SynReceived']);

/** After the user's CLOSE slirp has read the end of its host socket and no longer watches it. */
const USER_CLOSED = new Set(['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait']);

/** slirp's answer to a user call where the proxy departs from the RFC's; null: the RFC's. */
function proxyCall(d: Draft, c: UserCall): Draft[] | null {
  const t = d.t;
  // Once the user has closed the host socket (close(), ABORT), every call on it ends there.
  if (c.call !== 'open' && proxy.get(t, 'letGo')) return fail(d, 'proxy.callAfterClose', 'connection closing');
  if (UNSYNCHRONIZED.has(t.state) && c.call !== 'open' && c.call !== 'receive') {
    // After shutdown() the host socket refuses to send or shut down again.
    if (closedBy(t, 'shutWr') && (c.call === 'send' || (c.call === 'close' && c.mode !== 'halfDuplex')))
      return fail(d, 'proxy.callAfterClose', 'connection closing');
    // The host socket takes the call at once (send(), shutdown(), close() succeed); slirp sees it only later.
    ok(d, 'proxy.callHeld');
    proxy.set(t, { held: JSON.stringify([...heldOf(t), c]) });
    return [d];
  }
  const late = t.state === 'Closing' || t.state === 'LastAck' || t.state === 'TimeWait';
  // close() once both FINs have gone is refused and not made: the user can still read what came with the FIN.
  if (late && c.call === 'close' && c.mode === 'halfDuplex') return fail(d, 'close.closing', 'connection closing');
  const unseen = c.call === 'abort' || (c.call === 'close' && c.mode === 'halfDuplex' && !late);
  if (unseen && USER_CLOSED.has(t.state)) {
    // The host socket's RST (or close()) goes to a socket slirp has stopped reading: nothing happens yet. The
    // user is gone all the same: text that comes later is written to a closed socket (slirp-text.ts).
    ok(d, 'proxy.callUnseen');
    t.receiveClosed = true;
    if (c.call === 'abort') proxy.set(t, { hostReset: true });
    return [d];
  }
  return null;
}

/** A user call on slirp's host socket (Profile.replaces.userCall): the proxy's answer, else the RFC's; a
 *  close() or ABORT that succeeds lets go of the socket. */
export function slirpUserCall(d: Draft, c: UserCall, iss: number): Draft[] {
  if (!d.p.features.has('callsWaitForEstablished')) return rfcUserCall(d, c, iss);
  const out = proxyCall(d, c) ?? rfcUserCall(d, c, iss);
  const letGo = c.call === 'abort' || (c.call === 'close' && c.mode === 'halfDuplex');
  for (const x of out) if (letGo && x.result?.ok && x.t.state !== 'Closed') proxy.set(x.t, { letGo: true });
  return out;
}

/** Did the user's reset reach slirp as an end of stream (an ABORT held behind data)? Text after it is reset. */
export const userReset = (t: Tcb): boolean => proxy.get(t, 'userReset');

/** Has the host reset the user's closed socket (ABORT), or did slirp already write text to it after close()?
 *  Then its next write fails. */
export const writeFails = (t: Tcb): boolean => proxy.get(t, 'hostReset') || proxy.get(t, 'wroteAfterClose');

/** slirp wrote text to the socket the user closed: the host answers with a reset, so the next write fails. */
export const wroteAfterClose = (t: Tcb): void => proxy.set(t, { wroteAfterClose: true });

/** A connection that returns to LISTEN stays let go of: the host listener is the socket the user closed. */
export function slirpKeepsLetGo(drafts: Draft[], before: Tcb): void {
  if (!proxy.get(before, 'letGo')) return;
  for (const x of drafts) if (x.t.state === 'Listen') proxy.set(x.t, { letGo: true });
}

/** Has the user, among the held calls, shut the host socket's sending side (shutdown())? */
function closedBy(t: Tcb, how: 'shutWr'): boolean {
  return how === 'shutWr' && heldOf(t).some((c) => c.call === 'close' && c.mode !== 'halfDuplex');
}

/** Once a segment has synchronized the connection, slirp reads its host socket: the held calls take effect,
 *  in order, after whatever the segment itself caused (the ACK completing the handshake goes first). */
export function slirpReleaseHeld(drafts: Draft[], before: Tcb): Draft[] {
  return drafts.flatMap((d) => {
    const held = heldOf(d.t);
    if (held.length === 0 || UNSYNCHRONIZED.has(d.t.state) || d.t.state === 'Listen') return [d];
    // The held calls are made again, now on the connection: a close() among them lets go again as it is made.
    proxy.set(d.t, { held: '[]', letGo: false });
    if (d.t.state === 'Closed') return [d];
    d.fire('proxy.callsReleased');
    const result = d.result;
    let out = [d];
    // The host socket is a byte stream: what was sent in several calls is read, and sent, as one.
    const calls = held.reduce<UserCall[]>((m, c) => {
      const last = m[m.length - 1];
      if (c.call === 'send' && last?.call === 'send') m[m.length - 1] = { call: 'send', data: last.data + c.data };
      else m.push(c);
      return m;
    }, []);
    // The user's reset ends the stream: with data before it slirp reads the data and then an end of stream
    // (soread(): recv() 0, no error), so the data goes out with a FIN; without, it reads the reset and drops.
    const abort = calls.findIndex((c) => c.call === 'abort');
    const sent = calls.slice(0, abort).filter((c) => c.call === 'send');
    // The user is gone, so text that follows is reset: as after close().
    const ended: UserCall = { call: 'close', mode: 'halfDuplex' };
    let made: UserCall[] = abort < 0 ? calls : sent.length ? [...sent, ended] : [{ call: 'abort' }];
    // Text that came with the segment is written to a socket the user has closed: the host resets it, and slirp,
    // reading the reset before the end of stream, drops the connection (as close() with text unread does).
    if (d.t.rcvQueue.length > 0 && made.some((c) => c.call === 'close' && c.mode === 'halfDuplex')) made = [ended];
    for (const c of made) out = out.flatMap((x) => userCall(x, c, x.t.iss));
    if (abort >= 0) for (const x of out) if (x.t.state !== 'Closed') proxy.set(x.t, { letGo: true, userReset: true });
    for (const x of out) {
      x.result = result; // the calls were answered when they were made
      // A passive connection dropped while the host listener is still open shows LISTEN again (the shim's).
      if (x.t.state === 'Closed' && before.passive && before.state === 'SynReceived') {
        returnToListen(x);
        if (made.some((h) => h.call === 'abort' || (h.call === 'close' && h.mode === 'halfDuplex')))
          proxy.set(x.t, { letGo: true });
      }
    }
    return out;
  });
}

// This profile's own switch joins the model's features (models/rule.ts).
declare module '../rule' {
  interface Features {
    /** SEND, CLOSE and ABORT before ESTABLISHED wait until the handshake completes; ABORT after CLOSE is unseen. */
    callsWaitForEstablished: true;
  }
}
