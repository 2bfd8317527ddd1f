// The RFC's user calls (RFC 9293 §3.10.1-§3.10.5) on gVisor's tcpip.Endpoint, the way a sockets program
// makes them (PROTOCOL.md, docs/interpretations.md): open passive = bind + listen, open active = bind +
// connect, send = write, receive = read, close = shutdown(write), close halfDuplex = close, abort = close
// with linger 0.
package main

import (
	"bytes"
	"encoding/hex"

	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
	"gvisor.dev/gvisor/pkg/waiter"
)

// backlog is larger than one: with a backlog of 1 gVisor answers every SYN with a SYN cookie and keeps no
// half-open connection.
const backlog = 16

func (u *iut) newEndpoint() (tcpip.Endpoint, *waiter.Queue, *result) {
	wq := &waiter.Queue{}
	ep, err := u.s.NewEndpoint(tcp.ProtocolNumber, ipv4.ProtocolNumber, wq)
	if err != nil {
		logf("NewEndpoint: %v", err)
		return nil, nil, failed("insufficient resources")
	}
	ep.SocketOptions().SetDelayOption(false) // no Nagle
	if err := ep.Bind(tcpip.FullAddress{NIC: nicID, Addr: iutAddr, Port: iutPort}); err != nil {
		logf("Bind: %v", err)
		ep.Close()
		return nil, nil, failed("insufficient resources")
	}
	return ep, wq, nil
}

// hold makes ep the application's connection.
func (u *iut) hold(ep tcpip.Endpoint, wq *waiter.Queue) {
	u.conn, u.connWQ = ep, wq
	u.letGo, u.shutWr, u.finSeen = false, false, false
}

func (u *iut) open(passive bool) *result {
	if u.rawState() != tcp.StateClose && u.rawState() != tcp.StateError {
		return failed("connection already exists")
	}
	u.listener, u.conn = nil, nil
	ep, wq, r := u.newEndpoint()
	if r != nil {
		return r
	}
	if passive {
		if err := ep.Listen(backlog); err != nil {
			logf("Listen: %v", err)
			ep.Close()
			return failed("insufficient resources")
		}
		u.listener = ep
		return ok()
	}
	u.hold(ep, wq)
	switch err := ep.Connect(tcpip.FullAddress{NIC: nicID, Addr: testerAddr, Port: testerPort}); err.(type) {
	case nil, *tcpip.ErrConnectStarted:
		return ok()
	default:
		logf("Connect: %v", err)
		return failed("insufficient resources")
	}
}

// acceptReady takes the connection a passive OPEN completed, as an application's accept() would, and closes
// the listener: one passive OPEN, one connection (RFC 9293 §3.10.1).
func (u *iut) acceptReady() {
	if u.conn != nil || u.listener == nil {
		return
	}
	ep, wq, err := u.listener.Accept(nil)
	if err != nil {
		return
	}
	u.hold(ep, wq)
	ep.SocketOptions().SetDelayOption(false)
	u.listener.Close()
	u.listener = nil
}

// gone: the endpoint has no TCB any more (closed, reset, timed out): the RFC's CLOSED.
func gone(ep tcpip.Endpoint) bool {
	s := stateOf(ep)
	return s == tcp.StateClose || s == tcp.StateError
}

// needConn answers for calls that need the connection when there is none to make them on: the application
// holds none, or the one it holds is CLOSED (RFC 9293 §3.10, "connection does not exist").
func (u *iut) needConn() *result {
	if u.conn != nil && !u.letGo && !gone(u.conn) {
		return nil
	}
	if u.conn != nil && !gone(u.conn) {
		return failed("connection closing") // let go of, but the stack is still finishing it
	}
	return failed("connection does not exist")
}

// callError turns a gVisor error into the RFC's words.
func callError(call string, err tcpip.Error) *result {
	switch err.(type) {
	case *tcpip.ErrClosedForSend, *tcpip.ErrClosedForReceive:
		return failed("connection closing")
	case *tcpip.ErrConnectionReset, *tcpip.ErrConnectionAborted:
		return failed("connection reset")
	case *tcpip.ErrConnectionRefused:
		return failed("connection refused")
	case *tcpip.ErrNotConnected, *tcpip.ErrInvalidEndpointState:
		return failed("connection does not exist")
	case *tcpip.ErrTimeout:
		return failed("connection aborted due to user timeout")
	}
	logf("%s: %v", call, err)
	return failed("insufficient resources")
}

func (u *iut) send(data []byte) *result {
	if u.conn == nil && u.listener != nil {
		return failed("foreign socket unspecified") // LISTEN, or a half-open connection not yet accepted
	}
	if r := u.needConn(); r != nil {
		return r
	}
	if u.shutWr {
		return failed("connection closing")
	}
	n, err := u.conn.Write(bytes.NewReader(data), tcpip.WriteOptions{})
	if err != nil {
		return callError("Write", err)
	}
	if int(n) != len(data) {
		logf("Write took %d of %d bytes", n, len(data))
	}
	return ok()
}

func received(data []byte) *result {
	hexData := hex.EncodeToString(data)
	return &result{Ok: true, Data: &hexData}
}

func (u *iut) receive() *result {
	if u.conn == nil && u.listener != nil {
		return received(nil) // LISTEN, or not accepted yet: nothing
	}
	// A connection that ended by a reset may still hold text gVisor lets the application read.
	endedHeld := u.conn != nil && !u.letGo && gone(u.conn)
	if r := u.needConn(); r != nil && !endedHeld {
		return r
	}
	var buf bytes.Buffer
	_, err := u.conn.Read(&buf, tcpip.ReadOptions{})
	switch {
	case buf.Len() > 0:
		return received(buf.Bytes())
	case endedHeld || gone(u.conn):
		return failed("connection does not exist")
	}
	switch err.(type) {
	case nil, *tcpip.ErrWouldBlock:
		return received(nil)
	case *tcpip.ErrNotConnected:
		if s := stateOf(u.conn); s == tcp.StateSynSent || s == tcp.StateSynRecv {
			return received(nil) // the RFC queues the RECEIVE until the connection is established
		}
	}
	return callError("Read", err)
}

func (u *iut) close(halfDuplex bool) *result {
	if u.conn == nil && u.listener != nil {
		u.listener.Close()
		u.listener = nil
		return ok()
	}
	if r := u.needConn(); r != nil {
		return r
	}
	s := stateOf(u.conn)
	if halfDuplex || s == tcp.StateSynSent {
		// In SYN-SENT the RFC deletes the TCB; gVisor's Shutdown there would fail the connection with a reset.
		u.letGo = true
		u.conn.Close()
		return ok()
	}
	if u.shutWr {
		return failed("connection closing")
	}
	u.shutWr = true
	if err := u.conn.Shutdown(tcpip.ShutdownWrite); err != nil {
		return callError("Shutdown", err)
	}
	return ok()
}

func (u *iut) abort() *result {
	if u.conn == nil && u.listener != nil {
		u.listener.SocketOptions().SetLinger(tcpip.LingerOption{Enabled: true, Timeout: 0})
		u.listener.Close()
		u.listener = nil
		return ok()
	}
	if r := u.needConn(); r != nil {
		return r
	}
	u.letGo = true
	u.conn.SocketOptions().SetLinger(tcpip.LingerOption{Enabled: true, Timeout: 0})
	u.conn.Close()
	return ok()
}
