package lsp

import (
	"strconv"
	"strings"

	"cuelang.org/go/cue/scanner"
	"cuelang.org/go/cue/token"
)

// A CUE file being edited rarely parses: `functions: x: {` has no closing
// brace yet. What hover and completion need is only the labels of the
// fields around the cursor, which the tokens before it tell, so the file
// is scanned, not parsed.

// lexeme is one token of a file, with its byte extent.
type lexeme struct {
	off, end int
	tok      token.Token
	lit      string
}

// scan returns the tokens of text. The segments of an interpolated string
// after its first are STRING tokens.
func scan(text string) []lexeme {
	src := []byte(text)
	f := token.NewFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(f, src, func(token.Pos, string, []any) {}, 0)
	var out []lexeme
	var interp []int // paren depth at each open interpolation
	depth := 0
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		off := pos.Offset()
		end := off + len(lit)
		if lit == "" {
			end = off + len(tok.String())
		}
		out = append(out, lexeme{off: off, end: end, tok: tok, lit: lit})
		switch tok {
		case token.INTERPOLATION:
			interp = append(interp, depth)
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if n := len(interp); n > 0 && interp[n-1] == depth {
				interp = interp[:n-1]
				seg := s.ResumeInterpolation()
				out = append(out, lexeme{off: end, end: end + len(seg) - 1, tok: token.STRING, lit: seg})
				if strings.HasSuffix(seg, "(") {
					interp = append(interp, depth)
				}
			}
		}
	}
}

// frame is a struct or list the scan is inside.
type frame struct {
	labels []string // the labels that lead to it from its parent
	list   bool
	group  bool // parentheses or a pattern constraint's brackets
	index  int  // the current element of a list
	id     int
	// def is the schema definition the struct is written with
	// (`schema.#DynamoDBPutItem & {`): what applies inside it.
	def string
}

// cursor is what surrounds an offset of a file.
type cursor struct {
	// path holds the labels from the package root to the struct or list
	// the offset is in, list elements as "[i]", then the labels of the
	// declaration the offset is on (`memory: |` ends with memory).
	path []string
	// defPath is the same path from the innermost definition a struct on
	// it is written with (`#DynamoDBPutItem`, "item"), or nil.
	defPath []string
	// label is set when the offset is on a label: its name.
	label string
	// value is true when the offset follows a label's colon: it is in the
	// value of the last label of path.
	value bool
	// selector holds the operand of a selector being typed (`app.tables.`
	// gives app, tables).
	selector []string
	// word is the extent of the identifier or literal at the offset.
	wordStart, wordEnd int
	// present are the labels the struct at path already declares.
	present []string
}

// isLabelToken reports whether the token at lexs[i] is a label: an
// identifier, keyword or string followed by `:` (or `?:`, `!:`).
func isLabelToken(lexs []lexeme, i int) bool {
	t := lexs[i].tok
	if t != token.IDENT && t != token.STRING && !t.IsKeyword() {
		return false
	}
	if i+1 < len(lexs) && lexs[i+1].tok == token.COLON {
		return true
	}
	return i+2 < len(lexs) && (lexs[i+1].tok == token.OPTION || lexs[i+1].tok == token.NOT) && lexs[i+2].tok == token.COLON
}

// labelName is the name a label token stands for.
func labelName(l lexeme) string {
	if l.tok == token.STRING {
		if u, err := strconv.Unquote(l.lit); err == nil {
			return u
		}
	}
	return l.lit
}

// cursorAt analyses text around off.
func cursorAt(text string, off int) cursor {
	lexs := scan(text)
	c := cursor{wordStart: off, wordEnd: off}
	// The word at the offset: the token containing it, or that ending at
	// it (the partial word being typed).
	at := -1
	for i, l := range lexs {
		if l.off <= off && off <= l.end && (l.tok == token.IDENT || l.tok == token.STRING || l.tok.IsKeyword() || l.tok == token.INT) {
			at = i
			c.wordStart, c.wordEnd = l.off, l.end
			break
		}
		if l.off > off {
			break
		}
	}
	stack := []frame{{}}
	var pending []string
	nextID := 1
	cursorFrame := -1
	labelsOf := map[int][]string{}
	prev := token.ILLEGAL
	for i, l := range lexs {
		if i == at || (at < 0 && l.off >= off) {
			if cursorFrame < 0 {
				c.path, c.defPath = framePath(stack, pending), defPath(stack, pending)
				cursorFrame = stack[len(stack)-1].id
				c.value = prev == token.COLON
				if at >= 0 && isLabelToken(lexs, at) {
					c.label = labelName(lexs[at])
				}
				c.selector = selectorBefore(lexs, i)
			}
		}
		top := &stack[len(stack)-1]
		switch {
		case isLabelToken(lexs, i) && !top.group:
			if len(pending) == 0 {
				labelsOf[top.id] = append(labelsOf[top.id], labelName(l))
			}
			pending = append(pending, labelName(l))
		case l.tok == token.LBRACE:
			stack = append(stack, frame{labels: pending, id: nextID, def: definitionBefore(lexs, i)})
			nextID++
			pending = nil
		case l.tok == token.LBRACK:
			list := prev == token.COLON || prev == token.LBRACK || prev == token.COMMA && top.list
			stack = append(stack, frame{labels: pending, list: list, group: !list, id: nextID})
			nextID++
			pending = nil
		case l.tok == token.LPAREN:
			stack = append(stack, frame{group: true, id: nextID})
			nextID++
		case l.tok == token.RBRACE, l.tok == token.RBRACK, l.tok == token.RPAREN:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			if l.tok != token.RPAREN {
				pending = nil
			}
		case l.tok == token.COMMA && !top.group:
			if top.list {
				top.index++
			}
			pending = nil
		}
		prev = l.tok
	}
	if cursorFrame < 0 {
		c.path, c.defPath = framePath(stack, pending), defPath(stack, pending)
		cursorFrame = stack[len(stack)-1].id
		c.value = prev == token.COLON
		c.selector = selectorBefore(lexs, len(lexs))
	}
	c.present = labelsOf[cursorFrame]
	return c
}

// framePath joins the labels of the open frames and the pending ones.
func framePath(stack []frame, pending []string) []string {
	var out []string
	for _, f := range stack {
		if f.group {
			continue
		}
		out = append(out, f.labels...)
		if f.list {
			out = append(out, "["+strconv.Itoa(f.index)+"]")
		}
	}
	return append(out, pending...)
}

// definitionBefore returns the definition of `X.#Def & {` or `#Def & {`
// ending just before lexs[i], the opening brace, or "".
func definitionBefore(lexs []lexeme, i int) string {
	if i < 2 || lexs[i-1].tok != token.AND || lexs[i-2].tok != token.IDENT || !strings.HasPrefix(lexs[i-2].lit, "#") {
		return ""
	}
	return lexs[i-2].lit
}

// defPath is framePath from the innermost frame written with a
// definition, that definition first; nil when there is none.
func defPath(stack []frame, pending []string) []string {
	for j := len(stack) - 1; j >= 0; j-- {
		if stack[j].def != "" {
			out := []string{stack[j].def}
			return append(out, framePath(stack[j+1:], pending)...)
		}
	}
	return nil
}

// selectorBefore returns the operand of the selector ending just before
// lexs[i] (`app.tables.` or `app.tables.or` give app, tables), or nil.
func selectorBefore(lexs []lexeme, i int) []string {
	j := i - 1
	if j >= 0 && lexs[j].tok != token.PERIOD {
		return nil
	}
	var out []string
	for j >= 1 && lexs[j].tok == token.PERIOD && lexs[j].off == lexs[j-1].end && (lexs[j-1].tok == token.IDENT || lexs[j-1].tok == token.STRING) {
		out = append([]string{labelName(lexs[j-1])}, out...)
		j -= 2
	}
	return out
}
