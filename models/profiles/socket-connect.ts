// Profiles with 'connectAgainCompletes' (Linux): OPEN on the socket of a connection the application holds, as
// connect() and listen() answer it. Their answer depends on the socket layer's own state beside TCP's (struct
// socket's SS_CONNECTING / SS_CONNECTED / SS_DISCONNECTING, kept as ss 'sockState'): a non-blocking connect()
// leaves the socket "connecting" until a later connect() sees the handshake done, and that connect() succeeds
// (af_inet.c: __inet_stream_connect()). Shown on this machine's kernel in adapters/linux/errno.test.ts.
import { UserCall } from '../input';
import { Draft } from '../outcome';
import { State } from '../state';
import { Tcb } from '../tcb';
import { fail, ok } from '../user';
import { socketsState as ss } from './sockets-state';

/** The application holds this connection's own socket (not a listener, not given up with close()). */
export function holdsConnection(t: Tcb): boolean {
  if (t.state === 'Closed' || t.state === 'Listen' || t.state === 'TimeWait') return false;
  return !(t.state === 'SynReceived' && t.passive) && !t.receiveClosed;
}

/** OPEN on the connection socket the application holds, in a state where its connection lives. */
export function openOnConnection(d: Draft, c: UserCall & { call: 'open' }): Draft[] {
  const t = d.t;
  const failWith = (errno: string) => {
    fail(d, 'open.exists', 'connection already exists');
    d.result = { ok: false, error: 'connection already exists', errno };
    return [d];
  };
  // inet_listen(): only an unconnected socket may listen.
  if (c.mode === 'passive') return failWith('EINVAL');
  switch (ss.get(t, 'sockState')) {
    case 'disconnecting':
      return failWith('EINVAL'); // __inet_stream_connect(): SS_DISCONNECTING is none of the states it takes
    case 'connecting':
      if (t.state === 'SynSent' || t.state === 'SynReceived') return failWith('EALREADY');
      // The handshake is done: this connect() reports it, and the socket is connected from now on.
      ok(d, 'open.connect.completes');
      ss.set(t, { sockState: 'connected' });
      return [d];
    default:
      return failWith('EISCONN');
  }
}

/**
 * The socket layer's state after a call: an active OPEN leaves it connecting, a passive one's connection is
 * accepted connected; CLOSE (shutdown()) makes a connecting socket disconnecting in SYN-SENT and SYN-RECEIVED and
 * connected elsewhere (af_inet.c: inet_shutdown()).
 */
export function sockStateAfter(drafts: Draft[], before: State, c: UserCall): void {
  for (const d of drafts) {
    if (c.call === 'open' && before === 'Closed' && d.result?.ok)
      ss.set(d.t, { sockState: c.mode === 'active' ? 'connecting' : 'connected' });
    else if (c.call === 'close' && c.mode !== 'halfDuplex' && ss.get(d.t, 'sockState') === 'connecting')
      ss.set(d.t, { sockState: before === 'SynSent' || before === 'SynReceived' ? 'disconnecting' : 'connected' });
  }
}
