package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLSPCommand runs `samgen lsp` as an editor starts it, on its
// standard input and output: it answers initialize with CUE's server's
// capabilities and samgen's name, and exits on exit.
func TestLSPCommand(t *testing.T) {
	t.Parallel()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	e := &env{stdout: outW, stderr: io.Discard, cwd: t.TempDir()}
	root := newRootCmd(e)
	root.SetIn(inR)
	root.SetArgs([]string{"lsp"})
	done := make(chan error, 1)
	go func() {
		done <- root.Execute()
		outW.Close()
	}()
	out := bufio.NewReader(outR)
	send := func(id int, method string) {
		body := fmt.Sprintf(`{"jsonrpc":"2.0","method":%q,"params":{}}`, method)
		if id > 0 {
			body = fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":%q,"params":{"capabilities":{}}}`, id, method)
		}
		fmt.Fprintf(inW, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	receive := func(id int) map[string]any {
		for {
			h, err := textproto.NewReader(out).ReadMIMEHeader()
			if err != nil {
				t.Fatal(err)
			}
			n, _ := strconv.Atoi(h.Get("Content-Length"))
			body := make([]byte, n)
			if _, err := io.ReadFull(out, body); err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				t.Fatal(err)
			}
			if got, ok := m["id"].(float64); ok && int(got) == id {
				return m
			}
		}
	}
	send(1, "initialize")
	res := receive(1)["result"].(map[string]any)
	if name := res["serverInfo"].(map[string]any)["name"].(string); !strings.HasPrefix(name, "samgen lsp") {
		t.Errorf("server name %q", name)
	}
	caps := res["capabilities"].(map[string]any)
	for _, c := range []string{"hoverProvider", "completionProvider", "codeActionProvider", "definitionProvider"} {
		if caps[c] == nil {
			t.Errorf("no %s in %v", c, caps)
		}
	}
	send(0, "initialized")
	send(2, "shutdown")
	receive(2)
	send(0, "exit")
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("samgen lsp: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("samgen lsp did not exit")
	}
}
