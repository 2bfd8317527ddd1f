// The linux profile's own rules, first part: mostly the sockets API's answers (a listener, a socket whose
// connection ended, close() releasing the descriptor) and the resets and segments found with them. linux-rules.ts
// joins the parts in this order, the order `tcpconform rules` lists them in.
import type { ProfileRule } from '../profile';
import { SRC } from './linux-source';

export const LINUX_SOCKETS_RULES = [
  {
    id: 'receive.listener.fails',
    states: ['Listen', 'SynReceived'],
    event: 'RECEIVE',
    replaces: ['receive.notYet'],
    summary:
      'RECEIVE while the application holds only the listener (LISTEN, or a passive SYN-RECEIVED not yet accepted) fails with ENOTCONN: "connection does not exist"',
    rfc793: '§3.9 p.58',
    rfc9293: '§3.10.3',
    also: `${SRC} tcp.c: tcp_recvmsg_locked(), -ENOTCONN when sk_state == TCP_LISTEN`,
    requires: 'receiveOnListenerFails',
  },
  {
    id: 'send.synSent.refused',
    states: ['SynSent', 'SynReceived'],
    event: 'SEND',
    replaces: ['send.queue', 'send.closing'],
    summary:
      'a non-blocking SEND in SYN-SENT, or in the SYN-RECEIVED of a simultaneous open, is refused with EAGAIN ("insufficient resources") instead of being queued, even after a CLOSE was queued there',
    rfc793: '§3.9 p.55',
    rfc9293: '§3.10.2',
    also: `${SRC} tcp.c: tcp_sendmsg_locked() → sk_stream_wait_connect() (net/core/stream.c) waits unless the socket is ESTABLISHED or CLOSE-WAIT, and returns -EAGAIN with a zero timeout, before the SEND_SHUTDOWN check`,
    requires: 'sendBeforeEstablishedFails',
  },
  {
    id: 'open.listen.again',
    states: ['Listen', 'SynReceived'],
    event: 'OPEN',
    replaces: ['open.exists'],
    summary: 'OPEN passive on a listener succeeds and changes nothing: listen() again only resets the backlog',
    rfc793: '§3.9 p.54',
    rfc9293: '§3.10.1',
    also: `${SRC} af_inet.c: __inet_listen_sk() on a socket already in TCP_LISTEN`,
    requires: 'listenAgainOk',
  },
  {
    id: 'user.closed.socketHeld',
    states: ['Closed', 'TimeWait'],
    event: 'SEND',
    summary:
      'on a socket whose connection ended (or left for TIME-WAIT), calls answer from its history: a pending error once ("connection reset"), then end of file or EPIPE; connect()/listen() fail; close() succeeds',
    rfc793: '§3.9 p.54-62',
    rfc9293: '§3.10.1-3.10.5 (CLOSED)',
    also: `${SRC} net/core/sock.c: sock_error() reports sk_err once; tcp.c: tcp_disconnect() sets ECONNRESET; af_inet.c: __inet_stream_connect(), inet_listen()`,
    requires: 'closedSocketRemembers',
  },
  {
    id: 'rst.abort.withAck',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait'],
    event: 'ABORT',
    summary:
      'the reset of ABORT, and of close() with unread data, carries ACK: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5, §3.6.1',
    also: `${SRC} tcp_output.c: tcp_send_active_reset() always sets TCPHDR_ACK | TCPHDR_RST`,
    requires: 'abortResetCarriesAck',
  },
  {
    id: 'seq.old.controlsAccepted',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    replaces: ['seq.unacceptable'],
    summary:
      'a segment whose text ends exactly at RCV.NXT passes the sequence test: its controls (ACK, RST, SYN) are processed, its duplicate text is answered with an ACK',
    rfc793: '§3.3 p.26, §3.9 p.69',
    rfc9293: '§3.4, §3.10.7.4 (first)',
    also: `${SRC} tcp_input.c: tcp_sequence() accepts end_seq >= rcv_wup ("segment controls are considered valid if the segment fits to the window after truncation"); tcp_data_queue() sends a duplicate ACK`,
    requires: 'oldSegmentControls',
  },
  {
    id: 'syn.synReceived.reset',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a SYN that returns a passive SYN-RECEIVED to LISTEN is also answered with a reset formed from it (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>)',
    rfc793: '§3.9 p.71',
    rfc9293: '§3.10.7.4 (fourth)',
    also: `${SRC} tcp_minisocks.c: tcp_check_req(), embryonic_reset → tcp_v4_send_reset() (tcp_ipv4.c), inet_csk_reqsk_queue_drop()`,
    requires: 'synReceivedSynResets',
  },
  {
    id: 'user.afterClose.noHandle',
    states: ['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEND',
    replaces: [
      'send.closing',
      'receive.halfDuplexClosed',
      'close.again',
      'close.closing',
      'close.halfDuplex.unread',
      'abort.quiet',
      'abort.reset',
    ],
    summary:
      'after close() the application has no descriptor: SEND, RECEIVE, CLOSE and ABORT answer "connection does not exist" (EBADF) while the orphaned connection finishes',
    rfc793: '§3.9 p.56-62',
    rfc9293: '§3.10.2-3.10.5',
    also: `${SRC} tcp.c: tcp_close() orphans the socket (sock_orphan())`,
    requires: 'closeReleasesHandle',
  },
  {
    id: 'synReceived.orphan.dropped',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    replaces: [
      'seq.unacceptable',
      'seq.unacceptable.rst',
      'rst.challenge',
      'rst.synReceived.passive',
      'syn.synReceived.passive',
      'ack.missing',
      'synReceived.ack',
      'synReceived.ackUnacceptable',
    ],
    summary:
      'a half-open connection whose listener was closed is dropped when its next segment arrives; the segment is then handled as for CLOSED (a reset), or by a new listener on the port',
    rfc793: '§3.9 p.65',
    rfc9293: '§3.10.7.1, §3.10.7.2',
    also: `${SRC} tcp_ipv4.c: tcp_v4_rcv(), TCP_NEW_SYN_RECV whose rsk_listener is no longer TCP_LISTEN: inet_csk_reqsk_queue_drop_and_put(), lookup again`,
    requires: 'orphanRequestDropped',
  },
] as const satisfies readonly ProfileRule[];
