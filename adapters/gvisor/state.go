// The connection's state in the RFC's words, read from the stack, and the signals (PROTOCOL.md) its changes
// stand for.
package main

import (
	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
)

// rfcState names a gVisor endpoint state as RFC 9293 §3.3.2 does. Before the SYN is sent (initial, bound,
// connecting) and after the end (closed, error) there is no TCB: CLOSED.
func rfcState(s tcp.EndpointState) string {
	switch s {
	case tcp.StateListen:
		return "LISTEN"
	case tcp.StateSynSent:
		return "SYN-SENT"
	case tcp.StateSynRecv:
		return "SYN-RECEIVED"
	case tcp.StateEstablished:
		return "ESTABLISHED"
	case tcp.StateFinWait1:
		return "FIN-WAIT-1"
	case tcp.StateFinWait2:
		return "FIN-WAIT-2"
	case tcp.StateCloseWait:
		return "CLOSE-WAIT"
	case tcp.StateClosing:
		return "CLOSING"
	case tcp.StateLastAck:
		return "LAST-ACK"
	case tcp.StateTimeWait:
		return "TIME-WAIT"
	}
	return "CLOSED"
}

func stateOf(ep tcpip.Endpoint) tcp.EndpointState { return tcp.EndpointState(ep.State()) }

// halfOpen finds the connection a passive OPEN is building before it is accepted: the stack's endpoint for
// the tester's address and port (the application holds only the listener until the accept).
func (u *iut) halfOpen() tcpip.Endpoint {
	for _, te := range u.s.RegisteredEndpoints() {
		ep, isEndpoint := te.(tcpip.Endpoint)
		if !isEndpoint || ep == u.listener {
			continue
		}
		info, isInfo := ep.Info().(*stack.TransportEndpointInfo)
		if isInfo && info.ID.LocalPort == iutPort && info.ID.RemotePort == testerPort {
			return ep
		}
	}
	return nil
}

// connection is the endpoint whose state is the connection's: the one held, else the half-open one, else
// the listener (nil: none).
func (u *iut) connection() tcpip.Endpoint {
	if u.conn != nil {
		return u.conn
	}
	if ep := u.halfOpen(); ep != nil {
		return ep
	}
	return u.listener
}

func (u *iut) rawState() tcp.EndpointState {
	ep := u.connection()
	if ep == nil {
		return tcp.StateClose
	}
	return stateOf(ep)
}

func (u *iut) state() string { return rfcState(u.rawState()) }

// peerFinReceived: the states reached only after the peer's FIN (RFC 9293 §3.3.2).
func peerFinReceived(s tcp.EndpointState) bool {
	return s == tcp.StateCloseWait || s == tcp.StateClosing || s == tcp.StateLastAck || s == tcp.StateTimeWait
}

// noteSignals adds the reports the user would have had from what happened during a request: the peer's
// FIN (the states only it leads to), and the error gVisor gives the application when the connection dies
// (what a sockets program learns from SO_ERROR).
func (u *iut) noteSignals(before tcp.EndpointState) {
	if u.conn == nil {
		return // the application holds no connection yet: a half-open one ends without telling it
	}
	if u.letGo {
		return // after close (half-duplex) or abort the application holds no endpoint to be told anything
	}
	after := stateOf(u.conn)
	if !u.finSeen && peerFinReceived(after) {
		u.finSeen = true
		u.signals = append(u.signals, "connection closing")
	}
	if after != tcp.StateError || before == tcp.StateError {
		return
	}
	switch err := u.conn.LastError(); err.(type) {
	case *tcpip.ErrConnectionReset:
		u.signals = append(u.signals, "connection reset")
	case *tcpip.ErrConnectionRefused:
		u.signals = append(u.signals, "connection refused")
	case *tcpip.ErrTimeout:
		u.signals = append(u.signals, "connection aborted due to user timeout")
	case nil, *tcpip.ErrConnectionAborted, *tcpip.ErrAborted:
		// the application's own ABORT or close: nothing to report
	default:
		logf("the connection ended with %v (no signal)", err)
	}
}
