// The process protocol's messages (adapters/process/PROTOCOL.md, version 1) as Go values.
package main

import (
	"encoding/json"
	"fmt"
)

const protocolVersion = 1

// The calls this shim supports (PROTOCOL.md, capabilities.calls).
var supportedCalls = []string{"open.passive", "open.active", "send", "receive", "close", "close.halfDuplex", "abort"}

type capabilities struct {
	Calls    []string `json:"calls"`
	Segments bool     `json:"segments"`
	State    bool     `json:"state"`
	Signals  bool     `json:"signals"`
	Clock    string   `json:"clock"`
	Features []string `json:"features"`
}

type hello struct {
	Tcpconform   int          `json:"tcpconform"`
	Iut          string       `json:"iut"`
	Capabilities capabilities `json:"capabilities"`
}

// request is every request of PROTOCOL.md in one shape; fields an op does not use stay empty.
type request struct {
	ID      *int64   `json:"id"`
	Op      string   `json:"op"`
	Profile string   `json:"profile"`
	Seed    int64    `json:"seed"`
	Packet  string   `json:"packet"`
	Call    string   `json:"call"`
	Mode    string   `json:"mode"`
	Data    string   `json:"data"`
	Ms      *float64 `json:"ms"`
}

// result is a call's answer: ok (with data for receive) or one of the RFC's error words.
type result struct {
	Ok    bool    `json:"ok"`
	Data  *string `json:"data,omitempty"`
	Error string  `json:"error,omitempty"`
}

type reply struct {
	ID      int64    `json:"id"`
	Packets []string `json:"packets"`
	Result  *result  `json:"result,omitempty"`
	Signals []string `json:"signals,omitempty"`
	State   string   `json:"state"`
}

// errorReply is the answer to a request the shim cannot carry out at all: never a TCP answer.
type errorReply struct {
	ID    int64  `json:"id"`
	Error string `json:"error"`
}

func parseRequest(line []byte) (request, error) {
	var r request
	if err := json.Unmarshal(line, &r); err != nil {
		return r, fmt.Errorf("not a JSON request: %v", err)
	}
	if r.ID == nil {
		return r, fmt.Errorf("request without an id")
	}
	return r, nil
}

// A call error in the words of RFC 9293 §3.10.
func failed(e string) *result { return &result{Ok: false, Error: e} }

func ok() *result { return &result{Ok: true} }
