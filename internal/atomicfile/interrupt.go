package atomicfile

import (
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"
	"time"
)

// interrupts are the signals that end a command line tool on purpose:
// Ctrl-C and a polite kill (CI cancelling a job).
var interrupts = []os.Signal{os.Interrupt, syscall.SIGTERM}

// guard removes the temporary file of a write in progress when the
// process is interrupted. Without it the default action of SIGINT would end
// the process between the temporary file's creation and its rename and
// leave a .samgen-* file beside the template.
type guard struct {
	sigs chan os.Signal
	done chan struct{}
	// mu orders the interrupt against the rename: once the interrupt
	// holds it the write never completes, and once the rename is done
	// there is nothing to remove.
	mu  sync.Mutex
	tmp string // the temporary file; "" when there is none to remove
	// created are the files and directories a WriteFiles made, in order:
	// removed, last first, on an interrupt or a failure.
	created []string
}

// guardInterrupts starts catching SIGINT and SIGTERM; release restores
// their previous handling. A signal the process ignores (a background job
// started with SIGINT ignored) stays ignored: catching it would make an
// interrupt end a process that was meant to survive it.
func guardInterrupts() *guard {
	g := &guard{sigs: make(chan os.Signal, 1), done: make(chan struct{})}
	for _, sig := range interrupts {
		if !signal.Ignored(sig) {
			signal.Notify(g.sigs, sig)
		}
	}
	go g.wait()
	return g
}

// wait removes the temporary file on an interrupt and ends the process as
// the signal would have.
func (g *guard) wait() {
	select {
	case sig := <-g.sigs:
		g.mu.Lock() // held until the process ends: no rename after this
		if g.tmp != "" {
			os.Remove(g.tmp)
		}
		g.removeCreated()
		signal.Stop(g.sigs)
		reraise(sig)
	case <-g.done:
	}
}

// reraise ends the process by sig: with the handler gone, the signal's
// default action kills it, so the parent sees what it sent (a shell stops
// a loop on a child killed by SIGINT, and prints nothing). Where that is
// not possible it exits with the shell's convention, 128 + the signal.
func reraise(sig os.Signal) {
	if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
		// Delivery is asynchronous; if some other part of the program
		// also catches sig, fall through to exiting.
		time.Sleep(time.Second)
	}
	code := 1
	if s, ok := sig.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	os.Exit(code)
}

// made records files and directories a WriteFiles is about to create.
func (g *guard) made(paths ...string) {
	g.mu.Lock()
	g.created = append(g.created, paths...)
	g.mu.Unlock()
}

// undo removes what a failed WriteFiles created.
func (g *guard) undo() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.removeCreated()
}

// removeCreated removes the created paths, last first; g.mu is held.
func (g *guard) removeCreated() {
	for _, p := range slices.Backward(g.created) {
		os.Remove(p)
	}
	g.created = nil
}

// track records the temporary file to remove on an interrupt.
func (g *guard) track(tmp string) {
	g.mu.Lock()
	g.tmp = tmp
	g.mu.Unlock()
}

// rename moves the temporary file onto target.
func (g *guard) rename(target string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := os.Rename(g.tmp, target); err != nil {
		return err
	}
	g.tmp = ""
	return nil
}

// remove deletes the temporary file after a failed write.
func (g *guard) remove() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.tmp != "" {
		os.Remove(g.tmp)
		g.tmp = ""
	}
}

// release stops catching the interrupts: from here they have their
// previous effect again.
func (g *guard) release() {
	signal.Stop(g.sigs)
	close(g.done)
}
