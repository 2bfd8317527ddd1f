// tcpconform-gvisor: gVisor's netstack (Debian golang-gvisor-gvisor-dev) as an IUT speaking tcpconform's
// process protocol (adapters/process/PROTOCOL.md) on stdin and stdout. Logs go to stderr; exits at end of
// input. A panic inside the stack ends the process with its stack trace on stderr (crash.go).
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"os"
	"runtime"
)

// iutName is shown in reports: the netstack of the packaged snapshot.
const iutName = "gVisor netstack 0.0~20221219"

var stdout = bufio.NewWriter(os.Stdout)

func emit(v interface{}) {
	b, err := json.Marshal(v)
	if err != nil {
		logf("cannot encode a reply: %v", err)
		os.Exit(1)
	}
	stdout.Write(append(b, '\n'))
	stdout.Flush()
}

// current is the run's stack; nil before the first reset.
var current *iut

// handle carries out one request and returns its reply (a reply or an errorReply).
func handle(r request) interface{} {
	id := *r.ID
	if r.Op == "reset" {
		if current != nil {
			current.destroy()
		}
		current = newIUT(r.Seed)
		return reply{ID: id, Packets: []string{}, State: current.state()}
	}
	if current == nil {
		current = newIUT(0)
	}
	u := current
	u.packets, u.signals = nil, nil
	before := u.rawState()
	var res *result
	switch r.Op {
	case "state":
	case "wait":
		if r.Ms == nil || *r.Ms < 0 {
			return errorReply{ID: id, Error: "wait: ms must be a number >= 0"}
		}
		u.advance(*r.Ms)
	case "segment":
		packet, err := hex.DecodeString(r.Packet)
		if err != nil || len(packet) < 20 {
			return errorReply{ID: id, Error: "segment: packet must be a hex IPv4 packet"}
		}
		u.inject(packet)
	case "call":
		name := r.Call
		if r.Mode != "" {
			name += "." + r.Mode
		}
		data, err := hex.DecodeString(r.Data)
		if err != nil {
			return errorReply{ID: id, Error: "call: data must be hex"}
		}
		if res = u.call(name, data); res == nil {
			return errorReply{ID: id, Error: "unknown call " + name}
		}
		u.settle()
	default:
		return errorReply{ID: id, Error: "unknown op " + r.Op}
	}
	u.acceptReady()
	u.noteSignals(before)
	packets := u.packets
	if packets == nil {
		packets = []string{}
	}
	return reply{ID: id, Packets: packets, Result: res, Signals: u.signals, State: u.state()}
}

func (u *iut) call(name string, data []byte) *result {
	switch name {
	case "open.passive":
		return u.open(true)
	case "open.active":
		return u.open(false)
	case "send":
		return u.send(data)
	case "receive":
		return u.receive()
	case "close":
		return u.close(false)
	case "close.halfDuplex":
		return u.close(true)
	case "abort":
		return u.abort()
	}
	return nil
}

func main() {
	// One TCP processor goroutine (tcp.NewProtocol starts GOMAXPROCS of them): segments are handled in the
	// order they were injected, and settle() has one queue to wait for.
	runtime.GOMAXPROCS(1)
	emit(hello{Tcpconform: protocolVersion, Iut: iutName, Capabilities: capabilities{
		Calls: supportedCalls, Segments: true, State: true, Signals: true, Clock: "virtual", Features: []string{},
	}})
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	for in.Scan() {
		line := in.Bytes()
		if len(line) == 0 {
			continue
		}
		r, err := parseRequest(line)
		if err != nil {
			emit(errorReply{ID: -1, Error: err.Error()})
			continue
		}
		emit(handleGuarded(r))
	}
}
