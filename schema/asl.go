package schema

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/internal/didyoumean"
)

// A state machine may keep its definition in an Amazon States Language
// file (definitionFile) instead of typed states. samgen reads the file into
// the same model typed states decode to, so that every check and the role
// are the same for both, and remembers where each value of the file is: a
// finding about "stateMachines.orders.states.Save.next" of a file-based
// machine points at the line of the file. Each Task's Resource is bound to
// its typed integration (TaskParams), its resources to the declared
// resources that definitionSubstitutions bind to its placeholders.

// Definition is what samgen read from a state machine's definitionFile.
type Definition struct {
	// File is the file's absolute path.
	File string
	// Doc is the document as written, in its JSON form.
	Doc map[string]any
	// Placeholders are the ${Name} placeholders of the document, in the
	// order written, with the spec path of the string holding each.
	Placeholders []Placeholder
	// Problems are what is wrong with the file, in the order found.
	Problems []DefinitionProblem
	// Attrs are the attributes the placeholders bound to references stand
	// for, by name: what the tasks take there (a table's name for a
	// TableName). A substitution's reference renders it.
	Attrs map[string]string
}

// need records that placeholder name stands for attribute attr.
func (d *Definition) need(name, attr string) {
	if d.Attrs == nil {
		d.Attrs = map[string]string{}
	}
	d.Attrs[name] = attr
}

// Placeholder is a ${Name} in a definition file.
type Placeholder struct {
	Name, Path string
}

// Problem kinds of a definition file.
const (
	// ProblemSyntax: the file cannot be read, is not JSON or YAML, or is
	// not ASL (a field no state takes, a value of the wrong type).
	ProblemSyntax = "syntax"
	// ProblemBinding: a task whose integration or resources samgen cannot
	// bind, so that it cannot derive the role.
	ProblemBinding = "binding"
)

// DefinitionProblem is one thing wrong with a definition file, at the spec
// path whose position is in the file.
type DefinitionProblem struct {
	Kind, Path, Msg string
}

// placeholder matches a substitution placeholder of a definition.
var placeholder = regexp.MustCompile(`\$\{([^}]*)\}`)

// aslReader reads one definition file into the model.
type aslReader struct {
	inst *Instance
	sm   *StateMachine
	def  *Definition
}

// readDefinitions reads the definition file of every state machine that
// names one (an editor's unsaved copy wins).
func (i *Instance) readDefinitions(overlay map[string][]byte) {
	for _, name := range sortedKeys(i.App.StateMachines) {
		if i.App.StateMachines[name].DefinitionFile != "" {
			i.readDefinition(name, overlay)
		}
	}
}

// ReadDefinition reads the definitionFile of state machine name, relative
// to the spec's directory, into its model, as Load does: its states, bound
// to their integrations, and the file's problems and positions.
func (i *Instance) ReadDefinition(name string) { i.readDefinition(name, nil) }

func (i *Instance) readDefinition(name string, overlay map[string][]byte) {
	sm := i.App.StateMachines[name]
	abs := filepath.Join(i.Dir, filepath.FromSlash(sm.DefinitionFile))
	if filepath.IsAbs(sm.DefinitionFile) {
		abs = sm.DefinitionFile
	}
	// The file holds the whole definition (SG520 reports any given in the
	// spec too).
	sm.StartAt, sm.States, sm.Comment, sm.QueryLanguage, sm.Timeout = "", nil, "", "", nil
	r := &aslReader{inst: i, sm: &sm, def: &Definition{File: abs}}
	root := "stateMachines." + Label(name)
	var doc *docNode
	var err error
	if src, ok := overlay[abs]; ok {
		doc, err = parseDocument(abs, src)
	} else {
		doc, err = readDocument(abs)
	}
	switch {
	case err != nil:
		r.fileError(root, err)
	case doc.kind != "object":
		r.at(root+".startAt", doc)
		r.problem(ProblemSyntax, root+".startAt", "a state machine definition is an object with StartAt and States")
	default:
		r.def.Doc = doc.JSON().(map[string]any)
		r.top(root, doc)
	}
	sm.Definition = r.def
	i.App.StateMachines[name] = sm
}

func (r *aslReader) fileError(root string, err error) {
	path := root + ".definitionFile"
	msg := err.Error()
	if de, ok := err.(*DocumentError); ok {
		path = root + ".startAt"
		r.inst.setDocPos(path, de.Pos, diag.Position{})
		msg = "definition file " + filepath.Base(r.def.File) + ": " + de.Msg
	} else if rel, rerr := filepath.Rel(r.inst.Dir, r.def.File); rerr == nil {
		msg = strings.ReplaceAll(msg, r.def.File, filepath.ToSlash(rel))
	}
	r.problem(ProblemSyntax, path, "%s", msg)
}

func (r *aslReader) problem(kind, path, format string, args ...any) {
	r.def.Problems = append(r.def.Problems, DefinitionProblem{kind, path, fmt.Sprintf(format, args...)})
}

// at records where the value at path is.
func (r *aslReader) at(path string, n *docNode) { r.inst.setDocPos(path, n.pos, n.end) }

// aslName is the model's (camelCase) name of an ASL field.
func aslName(k string) string { return strings.ToLower(k[:1]) + k[1:] }

// fields of the definition, of a branch, of a state, a retrier, a catcher.
var (
	topFields     = []string{"Comment", "QueryLanguage", "StartAt", "States", "TimeoutSeconds", "Version"}
	branchFields  = []string{"Comment", "ProcessorConfig", "QueryLanguage", "StartAt", "States"}
	retrierFields = []string{"BackoffRate", "Comment", "ErrorEquals", "IntervalSeconds", "JitterStrategy", "MaxAttempts", "MaxDelaySeconds"}
	catcherFields = []string{"Assign", "Comment", "ErrorEquals", "Next", "Output", "ResultPath"}
	// stateFields are every field of a state, by what samgen does with it:
	// scalars it decodes into the model, documents it keeps as written,
	// and those the model does not hold (kept in the file only).
	stateScalars = []string{"Cause", "CausePath", "Comment", "Default", "End", "Error", "ErrorPath", "HeartbeatSeconds", "ItemsPath", "MaxConcurrency", "Next", "QueryLanguage", "Seconds", "SecondsPath", "TimeoutSeconds", "Timestamp", "TimestampPath", "Type"}
	stateDocs    = []string{"Arguments", "Assign", "ItemSelector", "Items", "Output", "Parameters", "Result", "ResultSelector"}
	stateNullish = []string{"InputPath", "OutputPath", "ResultPath"}
	stateOthers  = []string{"Branches", "Catch", "Choices", "Credentials", "HeartbeatSecondsPath", "ItemBatcher", "ItemProcessor", "ItemReader", "Iterator", "Label", "MaxConcurrencyPath", "Resource", "ResultWriter", "Retry", "TimeoutSecondsPath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath"}
)

// known reports a field outside known at its key.
func (r *aslReader) known(path string, n *docNode, known ...[]string) {
	for _, k := range n.keys {
		if !slices.ContainsFunc(known, func(l []string) bool { return slices.Contains(l, k) }) {
			p := path + "." + Label(k)
			r.inst.setDocPos(p, n.keyPos[k], diag.Position{})
			msg := fmt.Sprintf("%s is not a field of %s in the Amazon States Language", k, what(known))
			if s := didyoumean.Suggest(k, slices.Concat(known...)); s != "" {
				msg += fmt.Sprintf("; did you mean %s?", s)
			}
			r.problem(ProblemSyntax, p, "%s", msg)
		}
	}
}

func what(known [][]string) string {
	switch {
	case len(known) > 1:
		return "a state"
	case slices.Equal(known[0], topFields):
		return "a state machine definition"
	case slices.Equal(known[0], branchFields):
		return "a branch"
	case slices.Equal(known[0], retrierFields):
		return "a retrier"
	}
	return "a catcher"
}

// object returns n when it is an object, reporting it otherwise.
func (r *aslReader) object(path string, n *docNode, what string) bool {
	r.at(path, n)
	if n.kind != "object" {
		r.problem(ProblemSyntax, path, "%s is an object", what)
		return false
	}
	return true
}

// decode sets the model's field of ASL field k from its JSON value.
func (r *aslReader) decode(path string, into any, k string, n *docNode) {
	r.at(path, n)
	r.scan(path, n)
	b, _ := json.Marshal(map[string]any{aslName(k): n.JSON()})
	if err := json.Unmarshal(b, into); err != nil {
		if s, ok := n.str(); ok && strings.HasPrefix(s, "{%") {
			return // a JSONata expression, evaluated at run time
		}
		r.problem(ProblemSyntax, path, "%s: %s", k, typeMsg(err))
	}
}

func typeMsg(err error) string {
	var te *json.UnmarshalTypeError
	if ok := asType(err, &te); ok {
		return fmt.Sprintf("%s where the Amazon States Language takes %s", jsonKind(te.Value), te.Type.Kind())
	}
	return err.Error()
}

func asType(err error, te **json.UnmarshalTypeError) bool {
	t, ok := err.(*json.UnmarshalTypeError)
	*te = t
	return ok
}

func jsonKind(v string) string {
	switch v {
	case "string":
		return "a string"
	case "number":
		return "a number"
	case "bool":
		return "a boolean"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	return v
}

// doc records the positions of a document value (Parameters, Result, ...)
// and its placeholders.
func (r *aslReader) doc(path string, n *docNode) {
	n.walk(path, func(p string, m *docNode) {
		r.at(p, m)
		if m.kind == "scalar" {
			r.scan(p, m)
		}
	})
}

// scan records the placeholders of a string.
func (r *aslReader) scan(path string, n *docNode) {
	s, ok := n.str()
	if !ok {
		return
	}
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		r.def.Placeholders = append(r.def.Placeholders, Placeholder{m[1], path})
	}
}

func (r *aslReader) top(root string, n *docNode) {
	r.known(root, n, topFields)
	sm := r.sm
	for _, k := range []string{"Comment", "QueryLanguage", "StartAt", "TimeoutSeconds"} {
		if v := n.field(k); v != nil {
			field := map[string]string{"TimeoutSeconds": "timeout"}[k]
			if field == "" {
				field = aslName(k)
			}
			r.decodeTop(root+"."+field, sm, field, v)
		}
	}
	if v := n.field("Version"); v != nil {
		r.at(root+".version", v)
	}
	if n.field("StartAt") == nil {
		r.inst.setDocPos(root+".startAt", n.pos, diag.Position{})
		r.problem(ProblemSyntax, root+".startAt", "a state machine definition needs StartAt")
	}
	states := n.field("States")
	if states == nil {
		r.inst.setDocPos(root+".states", n.pos, diag.Position{})
		r.problem(ProblemSyntax, root+".states", "a state machine definition needs States")
		return
	}
	sm.States = r.states(root, states, sm.QueryLanguage)
}

func (r *aslReader) decodeTop(path string, into any, field string, n *docNode) {
	r.at(path, n)
	r.scan(path, n)
	b, _ := json.Marshal(map[string]any{field: n.JSON()})
	if err := json.Unmarshal(b, into); err != nil {
		r.problem(ProblemSyntax, path, "%s", typeMsg(err))
	}
}

// states reads the States of a workflow whose spec path is path.
func (r *aslReader) states(path string, n *docNode, ql string) map[string]State {
	if !r.object(path+".states", n, "States") {
		return nil
	}
	out := map[string]State{}
	for _, name := range n.keys {
		p := path + ".states." + Label(name)
		out[name] = r.state(p, n.fields[name], ql)
		// A finding about a state is at its name.
		r.inst.setDocPos(p, n.keyPos[name], diag.Position{})
	}
	return out
}

func (r *aslReader) branch(path string, n *docNode, ql string) Branch {
	var br Branch
	if !r.object(path, n, "a branch") {
		return br
	}
	r.known(path, n, branchFields)
	if v := n.field("QueryLanguage"); v != nil {
		if s, ok := v.str(); ok {
			ql = s
		}
	}
	for _, k := range []string{"StartAt", "Comment"} {
		if v := n.field(k); v != nil {
			r.decode(path+"."+aslName(k), &br, k, v)
		}
	}
	if v := n.field("ProcessorConfig"); v != nil {
		r.doc(path+".processorConfig", v)
		if m, ok := v.JSON().(map[string]any); ok {
			br.ProcessorConfig = map[string]any{}
			for k, x := range m {
				br.ProcessorConfig[aslName(k)] = x
			}
		}
	}
	if v := n.field("StartAt"); v == nil {
		r.problem(ProblemSyntax, path, "a branch needs StartAt")
	}
	if v := n.field("States"); v != nil {
		br.States = r.states(path, v, ql)
	} else {
		r.problem(ProblemSyntax, path, "a branch needs States")
	}
	return br
}

func (r *aslReader) state(path string, n *docNode, ql string) State {
	var st State
	if !r.object(path, n, "a state") {
		return st
	}
	r.known(path, n, stateScalars, stateDocs, stateNullish, stateOthers)
	for _, k := range stateScalars {
		if v := n.field(k); v != nil {
			r.decode(path+"."+aslName(k), &st, k, v)
		}
	}
	if st.QueryLanguage != "" {
		ql = st.QueryLanguage
	}
	for _, k := range stateDocs {
		if v := n.field(k); v != nil {
			r.doc(path+"."+aslName(k), v)
			b, _ := json.Marshal(map[string]any{aslName(k): v.JSON()})
			if err := json.Unmarshal(b, &st); err != nil {
				r.problem(ProblemSyntax, path+"."+aslName(k), "%s: %s", k, typeMsg(err))
			}
		}
	}
	for _, k := range stateNullish {
		if v := n.field(k); v != nil {
			r.doc(path+"."+aslName(k), v)
			raw, _ := json.Marshal(v.JSON())
			switch aslName(k) {
			case "inputPath":
				st.InputPath = raw
			case "outputPath":
				st.OutputPath = raw
			case "resultPath":
				st.ResultPath = raw
			}
		}
	}
	for _, k := range []string{"Credentials", "ItemReader", "ItemBatcher", "ResultWriter", "Label", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath"} {
		if v := n.field(k); v != nil {
			r.doc(path+"."+aslName(k), v)
		}
	}
	st.Retry = r.retriers(path+".retry", n.field("Retry"))
	st.Catch = r.catchers(path+".catch", n.field("Catch"))
	if v := n.field("Choices"); v != nil {
		st.Choices = r.choices(path+".choices", v)
	}
	if v := n.field("Branches"); v != nil {
		r.at(path+".branches", v)
		if v.kind != "array" {
			r.problem(ProblemSyntax, path+".branches", "Branches is a list")
		}
		for i, b := range v.items {
			st.Branches = append(st.Branches, r.branch(fmt.Sprintf("%s.branches[%d]", path, i), b, ql))
		}
	}
	// Iterator is the ItemProcessor of Map states written before 2022.
	for _, k := range []string{"ItemProcessor", "Iterator"} {
		if v := n.field(k); v != nil {
			br := r.branch(path+".itemProcessor", v, ql)
			st.ItemProcessor = &br
		}
	}
	res := n.field("Resource")
	if res != nil {
		r.at(path+".resource", res)
		r.scan(path+".resource", res)
	}
	if st.Type == "Task" {
		r.bind(path, &st, res, ql == "JSONata")
	} else if res != nil {
		r.problem(ProblemSyntax, path+".resource", "only a Task state takes Resource")
	}
	return st
}

func (r *aslReader) list(path string, n *docNode, what string) []*docNode {
	if n == nil {
		return nil
	}
	r.at(path, n)
	if n.kind != "array" {
		r.problem(ProblemSyntax, path, "%s is a list", what)
		return nil
	}
	return n.items
}

func (r *aslReader) retriers(path string, n *docNode) []Retrier {
	var out []Retrier
	for i, e := range r.list(path, n, "Retry") {
		p := fmt.Sprintf("%s[%d]", path, i)
		var rt Retrier
		if r.object(p, e, "a retrier") {
			r.known(p, e, retrierFields)
			for _, k := range e.keys {
				if k != "Comment" && slices.Contains(retrierFields, k) {
					r.decode(p+"."+aslName(k), &rt, k, e.fields[k])
				}
			}
			r.errorEquals(p, e)
		}
		out = append(out, rt)
	}
	return out
}

func (r *aslReader) catchers(path string, n *docNode) []Catcher {
	var out []Catcher
	for i, e := range r.list(path, n, "Catch") {
		p := fmt.Sprintf("%s[%d]", path, i)
		var c Catcher
		if r.object(p, e, "a catcher") {
			r.known(p, e, catcherFields)
			for _, k := range e.keys {
				switch k {
				case "Comment":
				case "ResultPath":
					r.doc(p+".resultPath", e.fields[k])
					c.ResultPath, _ = json.Marshal(e.fields[k].JSON())
				case "Output", "Assign":
					r.doc(p+"."+aslName(k), e.fields[k])
					r.decode(p+"."+aslName(k), &c, k, e.fields[k])
				default:
					if slices.Contains(catcherFields, k) {
						r.decode(p+"."+aslName(k), &c, k, e.fields[k])
					}
				}
			}
			r.errorEquals(p, e)
			if e.field("Next") == nil {
				r.problem(ProblemSyntax, p, "a catcher needs Next")
			}
		}
		out = append(out, c)
	}
	return out
}

func (r *aslReader) errorEquals(path string, n *docNode) {
	v := n.field("ErrorEquals")
	if v == nil {
		r.problem(ProblemSyntax, path, "ErrorEquals is required")
		return
	}
	for i, e := range v.items {
		r.at(fmt.Sprintf("%s.errorEquals[%d]", path, i), e)
	}
	if v.kind == "array" && len(v.items) == 0 {
		r.problem(ProblemSyntax, path+".errorEquals", "ErrorEquals needs at least one error name")
	}
}

// choices reads the rules of a Choice state, with camelCase keys (the
// model's), recursing into And, Or and Not.
func (r *aslReader) choices(path string, n *docNode) []ChoiceRule {
	var out []ChoiceRule
	for i, e := range r.list(path, n, "Choices") {
		p := fmt.Sprintf("%s[%d]", path, i)
		if r.object(p, e, "a choice rule") {
			out = append(out, r.rule(p, e))
		} else {
			out = append(out, ChoiceRule{})
		}
	}
	return out
}

func (r *aslReader) rule(path string, n *docNode) ChoiceRule {
	out := ChoiceRule{}
	for _, k := range n.keys {
		v := n.fields[k]
		p := path + "." + aslName(k)
		switch k {
		case "And", "Or":
			var rules []any
			for i, e := range r.list(p, v, k) {
				q := fmt.Sprintf("%s[%d]", p, i)
				if r.object(q, e, "a choice rule") {
					rules = append(rules, map[string]any(r.rule(q, e)))
				}
			}
			out[aslName(k)] = rules
		case "Not":
			if r.object(p, v, "a choice rule") {
				out[aslName(k)] = map[string]any(r.rule(p, v))
			}
		case "Output", "Assign":
			r.doc(p, v)
			out[aslName(k)] = v.JSON()
		default:
			r.at(p, v)
			r.scan(p, v)
			out[aslName(k)] = v.JSON()
		}
	}
	return out
}
