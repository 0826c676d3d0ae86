package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
)

// message is one JSON-RPC 2.0 message of the LSP base protocol: a request
// (ID and Method), a notification (Method only) or a response (ID, and
// Result or Error). raw is the message as read, forwarded unchanged when
// samgen has nothing to add.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   json.RawMessage `json:"error,omitempty"`

	raw []byte
}

func (m *message) isRequest() bool      { return m.Method != "" && m.ID != nil }
func (m *message) isNotification() bool { return m.Method != "" && m.ID == nil }
func (m *message) isResponse() bool     { return m.Method == "" && m.ID != nil }

// stream reads and writes base-protocol messages: a Content-Length header,
// a blank line, and the JSON body. Writes are serialised, so goroutines
// can share one stream.
type stream struct {
	r   *bufio.Reader
	w   io.Writer
	wmu sync.Mutex
}

func newStream(r io.Reader, w io.Writer) *stream {
	return &stream{r: bufio.NewReader(r), w: w}
}

// read returns the next message. Its error is io.EOF when the peer closed
// the stream between messages.
func (s *stream) read() (*message, error) {
	tp := textproto.NewReader(s.r)
	h, err := tp.ReadMIMEHeader()
	if err != nil {
		if err == io.EOF && len(h) == 0 {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("read message header: %w", err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(h.Get("Content-Length")))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("read message header: bad Content-Length %q", h.Get("Content-Length"))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(s.r, body); err != nil {
		return nil, fmt.Errorf("read message body: %w", err)
	}
	m := &message{}
	if err := json.Unmarshal(body, m); err != nil {
		return nil, fmt.Errorf("read message body: %w", err)
	}
	m.raw = body
	return m, nil
}

// write sends m: its raw bytes when it has them, else its JSON.
func (s *stream) write(m *message) error {
	body := m.raw
	if body == nil {
		m.JSONRPC = "2.0"
		var err error
		if body, err = json.Marshal(m); err != nil {
			return err
		}
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err := s.w.Write(body)
	return err
}
