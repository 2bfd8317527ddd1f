// The stack under test: one gVisor netstack with one NIC (a link/channel endpoint, no link layer), IPv4 and
// TCP, on a manual clock. A fresh stack per run, so that nothing carries over from one run to the next.
package main

import (
	"encoding/hex"
	"fmt"
	"math/rand"
	"os"
	"sync"
	"time"

	"gvisor.dev/gvisor/pkg/bufferv2"
	"gvisor.dev/gvisor/pkg/tcpip"
	"gvisor.dev/gvisor/pkg/tcpip/faketime"
	"gvisor.dev/gvisor/pkg/tcpip/header"
	"gvisor.dev/gvisor/pkg/tcpip/link/channel"
	"gvisor.dev/gvisor/pkg/tcpip/network/ipv4"
	"gvisor.dev/gvisor/pkg/tcpip/stack"
	"gvisor.dev/gvisor/pkg/tcpip/transport/tcp"
	"gvisor.dev/gvisor/pkg/waiter"
)

const nicID = 1

// clockStart is where the manual clock stands when a run begins (run time 0).
const clockStart = time.Hour

// The fixed addresses of PROTOCOL.md (RFC 5737).
var (
	iutAddr    = tcpip.Address("\xc0\x00\x02\x02") // 192.0.2.2
	testerAddr = tcpip.Address("\xc0\x00\x02\x01") // 192.0.2.1
)

const (
	iutPort    = 5001
	testerPort = 40001
)

// lockedSource makes a seeded math/rand source safe for the stack's goroutines (stack.Options.RandSource).
type lockedSource struct {
	mu  sync.Mutex
	src rand.Source
}

func (l *lockedSource) Int63() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.src.Int63()
}

func (l *lockedSource) Seed(seed int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.src.Seed(seed)
}

// iut is the stack of the current run and what the application (this shim) holds in it.
type iut struct {
	clock *faketime.ManualClock
	s     *stack.Stack
	link  *channel.Endpoint

	listener tcpip.Endpoint // a passive OPEN, until its connection is accepted
	conn     tcpip.Endpoint // the connection the application holds
	connWQ   *waiter.Queue
	letGo    bool // close halfDuplex or abort: the application holds nothing any more
	shutWr   bool // close (shutdown write) was called
	finSeen  bool // "connection closing" was signalled

	packets []string
	signals []string
}

// newIUT builds a stack whose randomness (ISN secret, ports, hashes) all comes from seed.
func newIUT(seed int64) *iut {
	clock := faketime.NewManualClock()
	// A stack that has been up for a while: gVisor takes a zero monotonic time for "never" (the rate limit
	// of out-of-window ACKs, endpoint.allowOutOfWindowAck), which a real clock never shows.
	clock.Advance(clockStart)
	s := stack.New(stack.Options{
		NetworkProtocols:   []stack.NetworkProtocolFactory{ipv4.NewProtocol},
		TransportProtocols: []stack.TransportProtocolFactory{tcp.NewProtocol},
		Clock:              clock,
		RandSource:         &lockedSource{src: rand.NewSource(seed)},
		SecureRNG:          rand.New(rand.NewSource(seed ^ 0x5eed)),
	})
	link := channel.New(1024, 1500, "")
	if err := s.CreateNIC(nicID, link); err != nil {
		panic(fmt.Sprintf("CreateNIC: %v", err))
	}
	addr := tcpip.ProtocolAddress{
		Protocol:          ipv4.ProtocolNumber,
		AddressWithPrefix: tcpip.AddressWithPrefix{Address: iutAddr, PrefixLen: 24},
	}
	if err := s.AddProtocolAddress(nicID, addr, stack.AddressProperties{}); err != nil {
		panic(fmt.Sprintf("AddProtocolAddress: %v", err))
	}
	s.SetRouteTable([]tcpip.Route{{Destination: addr.AddressWithPrefix.Subnet(), NIC: nicID}})
	// The RFC's user calls have no Nagle: send what SEND hands over (docs/interpretations.md).
	nodelay := tcpip.TCPDelayEnabled(false)
	s.SetTransportProtocolOption(tcp.ProtocolNumber, &nodelay)
	return &iut{clock: clock, s: s, link: link}
}

// destroy tears the stack down; the packets it sends meanwhile are dropped with it.
func (u *iut) destroy() {
	u.s.Close()
	u.s.Wait()
	u.link.Drain()
	u.link.Close()
}

// settle lets the stack finish everything a request started: the TCP processor goroutine handles what was
// injected (Pause returns once its queue is empty) and timers scheduled to run at once have run.
func (u *iut) settle() {
	for i := 0; i < 3; i++ {
		u.clock.Advance(0)
		u.s.Pause()
		u.s.Resume()
	}
	u.collect()
}

// collect moves the IPv4 packets carrying TCP the stack sent into the reply, in the order sent.
func (u *iut) collect() {
	for {
		pkt := u.link.Read()
		if pkt.IsNil() {
			return
		}
		v := pkt.ToView()
		b := v.AsSlice()
		if len(b) >= header.IPv4MinimumSize && header.IPv4(b).IsValid(len(b)) &&
			header.IPv4(b).TransportProtocol() == header.TCPProtocolNumber {
			u.packets = append(u.packets, hex.EncodeToString(b))
		}
		v.Release()
		pkt.DecRef()
	}
}

// inject delivers a packet from the tester as if the NIC had just received it.
func (u *iut) inject(packet []byte) {
	pkt := stack.NewPacketBuffer(stack.PacketBufferOptions{Payload: bufferv2.MakeWithData(packet)})
	u.link.InjectInbound(ipv4.ProtocolNumber, pkt)
	pkt.DecRef()
	u.settle()
}

// advance lets ms of virtual time pass: the manual clock fires every timer due meanwhile, in time order,
// on this goroutine.
func (u *iut) advance(ms float64) {
	u.clock.Advance(time.Duration(ms * float64(time.Millisecond)))
	u.settle()
}

func logf(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "tcpconform-gvisor: "+format+"\n", args...)
}
