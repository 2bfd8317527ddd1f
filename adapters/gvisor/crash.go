// A panic inside gVisor is the IUT crashing, not a protocol error: the shim writes the panic and its stack
// trace to stderr, a last line naming where in the stack it happened, and exits, so that the harness reports
// the child's death with these last words (adapters/process/adapter.ts keeps the stderr tail).
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// crashExitCode is Go's own for an unrecovered panic.
const crashExitCode = 2

// handleGuarded runs one request; a panic on this goroutine (user calls, timers fired by the manual clock)
// is recovered here. A panic on the stack's own goroutines (the TCP processor) cannot be: Go then prints
// the trace and exits with the same code.
func handleGuarded(r request) (answer interface{}) {
	defer func() {
		if v := recover(); v != nil {
			crash(r, v)
		}
	}()
	return handle(r)
}

func crash(r request, v interface{}) {
	fmt.Fprintf(os.Stderr, "panic: %v\n\n%s\n", v, debug.Stack())
	fmt.Fprintf(os.Stderr, "tcpconform-gvisor: gVisor panicked handling request %d (%s): %v at %s\n",
		*r.ID, describe(r), v, firstStackFrame())
	os.Exit(crashExitCode)
}

func describe(r request) string {
	switch r.Op {
	case "call":
		if r.Mode != "" {
			return "call " + r.Call + " " + r.Mode
		}
		return "call " + r.Call
	case "wait":
		if r.Ms != nil {
			return fmt.Sprintf("wait %g ms", *r.Ms)
		}
	}
	return r.Op
}

// firstStackFrame is the innermost gVisor function on the panicking goroutine's stack, file:line.
func firstStackFrame() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if strings.Contains(f.Function, "gvisor.dev/gvisor/") {
			return fmt.Sprintf("%s (%s:%d)", f.Function, shortPath(f.File), f.Line)
		}
		if !more {
			return "an unknown place"
		}
	}
}

func shortPath(file string) string {
	if i := strings.Index(file, "gvisor.dev/gvisor/"); i >= 0 {
		return file[i+len("gvisor.dev/gvisor/"):]
	}
	return file
}
