package importer

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// A function's Policies become, in order of preference: access verbs,
// where a verb grants exactly what an entry grants (proved with the verb
// table and the policy catalogue against the first build's model, see
// refineIAM); SAM policy templates; managed policies; statements. A grant
// wider than the resources it names is kept and acknowledged with
// [ImportReason].

// iamItem is one grant of a function's Policies: a template, a managed
// policy or one statement of a policy document.
type iamItem struct {
	// key is the entry's index in Policies, and the statement's in its
	// document ("2", "3.0").
	key  string
	kind string // "template", "managed", "statement"
	spec any
	// wild are the wildcards entries the grant needs acknowledged.
	wild []string
}

// verbMatch is an access verb proved to grant what items grant.
type verbMatch struct {
	keys []string
	// verb is "" for a grant samgen derives from one of the function's
	// events.
	verb   string
	target string // logical ID of the declaration (or existing key)
}

var actionRe = regexp.MustCompile(`^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$`)
var managedRe = regexp.MustCompile(`^([A-Za-z0-9+=,.@_/:-]|\$\{[^}]+\})+$`)

// functionIAM maps a function's Policies. Either every entry maps, or the
// Policies stay as the template has them (an override): samgen's IAM
// fields render one list, which an override replaces whole.
func (im *importer) functionIAM(d *decl, p *bag) {
	v, ok := p.peek("Policies")
	if !ok {
		return
	}
	var list []any
	switch x := v.(type) {
	case []any:
		list = x
	default:
		list = []any{x}
	}
	var items []iamItem
	for i, e := range list {
		its, why := im.iamEntry(strconv.Itoa(i), e)
		if why != "" {
			im.note("%s: Policies kept as the template has them (an override): entry %d %s", d.path(), i, why)
			return
		}
		items = append(items, its...)
	}
	p.take("Policies")
	d.iam = items
	matched := map[string]bool{}
	var access []any
	for _, m := range im.verbs[d.id] {
		if m.verb == "" {
			// samgen derives it from an event.
			for _, k := range m.keys {
				matched[k] = true
			}
			continue
		}
		t := im.decls[m.target]
		if t == nil {
			t = im.existingByKey(m.target)
		}
		if t == nil {
			continue
		}
		access = append(access, newObj().set(m.verb, t.ref()))
		for _, k := range m.keys {
			matched[k] = true
		}
	}
	var tmpls, managed, stmts []any
	wild := newObj()
	for _, it := range items {
		if matched[it.key] {
			continue
		}
		switch it.kind {
		case "template":
			tmpls = append(tmpls, it.spec)
		case "managed":
			managed = append(managed, it.spec)
		case "statement":
			stmts = append(stmts, it.spec)
		}
		for _, w := range it.wild {
			wild.set(w, ImportReason)
			im.acks = append(im.acks, Ack{Path: d.path() + ".wildcards." + strconv.Quote(w), Grant: w})
		}
	}
	if len(access) > 0 {
		d.spec.set("access", access)
	}
	if len(tmpls) > 0 {
		d.spec.set("policies", tmpls)
	}
	if len(managed) > 0 {
		d.spec.set("managedPolicies", managed)
	}
	if len(stmts) > 0 {
		d.spec.set("statements", stmts)
	}
	if !wild.empty() {
		wild.sortFields()
		d.spec.setc("wildcards", wild, "broader than the resources they name, as the template grants them: narrow them, then remove the acknowledgement")
	}
}

// iamEntry reads one entry of Policies, or says why it cannot be written
// with samgen's IAM fields.
func (im *importer) iamEntry(key string, e any) ([]iamItem, string) {
	switch x := e.(type) {
	case string:
		if !managedRe.MatchString(x) {
			return nil, fmt.Sprintf("is the managed policy %q, not a name or an ARN", x)
		}
		it := iamItem{key: key, kind: "managed", spec: x}
		if policies.FullAccess(x) {
			it.wild = []string{x}
		}
		return []iamItem{it}, ""
	case map[string]any:
		if isIntrinsicMap(x) {
			return []iamItem{{key: key, kind: "managed", spec: im.value(x, schema.AttrArn)}}, ""
		}
		if st, ok := x["Statement"]; ok {
			return im.document2statements(key, x, st)
		}
		if len(x) != 1 {
			return nil, "is neither a policy template nor a policy document"
		}
		for name, params := range x {
			t, ok := policies.Lookup(name)
			if !ok {
				return nil, "names " + name + ", which is not a SAM policy template"
			}
			pm, _ := params.(map[string]any)
			if params != nil && pm == nil {
				return nil, "gives " + name + " parameters that are not a map"
			}
			args := newObj()
			for _, pn := range sortedIDs(pm) {
				av, why := im.templateArg(t, pn, pm[pn])
				if why != "" {
					return im.expandTemplate(key, t, pm)
				}
				args.set(pn, av)
			}
			it := iamItem{key: key, kind: "template", spec: newObj().set(name, args)}
			if len(t.Wildcards()) > 0 {
				it.wild = []string{name}
			}
			for _, pn := range sortedIDs(pm) {
				if s, ok := pm[pn].(string); ok && strings.Contains(s, "*") {
					it.wild = []string{name}
				}
			}
			return []iamItem{it}, ""
		}
	}
	return nil, "is not a managed policy, a policy template or a policy document"
}

// templateArg converts a policy template's parameter: samgen takes a
// literal string or a ref (`string | #Ref`), whose attribute it chooses by
// the parameter's form: the ref is written only where that renders the
// template's value.
func (im *importer) templateArg(t policies.Template, param string, v any) (any, string) {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "${") {
			return nil, "a literal with ${"
		}
		return x, ""
	case map[string]any:
		if s, ok := x["Fn::Sub"].(string); ok && len(x) == 1 && strings.Contains(s, "${") {
			return s, ""
		}
		if id, ok := x["Ref"].(string); ok {
			if name, ok := im.parameters[id]; ok {
				return ref{"parameters", name}, ""
			}
		}
		attr := schema.AttrName
		for _, p := range t.Params {
			if p.Name == param && p.Form == policies.FormARN {
				attr = schema.AttrArn
			}
		}
		for _, c := range im.index[canon(x)] {
			if c.attr == attr && c.d.kind == paramKinds[param] {
				return c.d.ref(), ""
			}
		}
	}
	return nil, "an expression"
}

// paramKinds are the kinds a template parameter takes a ref of (as
// policies.Args checks).
var paramKinds = map[string]string{
	"TableName": "table", "QueueName": "queue", "TopicName": "topic", "EventBusName": "bus",
	"FunctionName": "function", "StateMachineName": "stateMachine", "SecretArn": "secret",
	"ParameterName": "param", "BucketName": "bucket", "KeyId": "key", "StreamName": "stream",
}

// expandTemplate writes a template whose parameters samgen cannot take
// as the statements it grants (the catalogue's, with the parameters
// given).
func (im *importer) expandTemplate(key string, t policies.Template, params map[string]any) ([]iamItem, string) {
	stmts, err := t.Expand(params)
	if err != nil {
		return nil, "cannot be expanded: " + err.Error()
	}
	var out []iamItem
	for i, s := range stmts {
		it, why := im.statement(key+"."+strconv.Itoa(i), s.JSON())
		if why != "" {
			return nil, why
		}
		out = append(out, it)
	}
	return out, ""
}

// document2statements reads a policy document's statements.
func (im *importer) document2statements(key string, doc map[string]any, st any) ([]iamItem, string) {
	for k := range doc {
		if k != "Statement" && k != "Version" {
			return nil, "is a policy document with " + k
		}
	}
	list, ok := st.([]any)
	if !ok {
		list = []any{st}
	}
	var out []iamItem
	for i, s := range list {
		m, _ := s.(map[string]any)
		it, why := im.statement(key+"."+strconv.Itoa(i), m)
		if why != "" {
			return nil, why
		}
		out = append(out, it)
	}
	return out, ""
}

// statement reads one Allow statement.
func (im *importer) statement(key string, s map[string]any) (iamItem, string) {
	for k := range s {
		switch k {
		case "Effect", "Action", "Resource", "Condition", "Sid":
		default:
			return iamItem{}, "has a statement with " + k + ", which samgen's statements do not take"
		}
	}
	if s["Effect"] != "Allow" {
		return iamItem{}, "has a statement that does not allow"
	}
	it := iamItem{key: key, kind: "statement"}
	o := newObj()
	var actions []any
	for _, a := range cfn.List(s["Action"]) {
		as, ok := a.(string)
		if !ok || !actionRe.MatchString(as) {
			return iamItem{}, fmt.Sprintf("has the action %v, which is not an IAM action name", a)
		}
		actions = append(actions, as)
		if strings.ContainsAny(as, "*?") {
			it.wild = append(it.wild, as)
		}
	}
	if len(actions) == 0 {
		return iamItem{}, "has a statement with no action"
	}
	var resources []any
	for _, r := range cfn.List(s["Resource"]) {
		if str, ok := r.(string); ok {
			if strings.Contains(str, "${") || str != "*" && !strings.HasPrefix(str, "arn:") {
				return iamItem{}, fmt.Sprintf("has the resource %q, which is not an ARN", str)
			}
			if strings.ContainsAny(str, "*?") {
				it.wild = append(it.wild, str)
			}
			resources = append(resources, str)
			continue
		}
		rv := im.value(r, schema.AttrArn)
		if str, ok := rv.(string); ok && strings.ContainsAny(str, "*?") {
			it.wild = append(it.wild, str)
		}
		resources = append(resources, rv)
	}
	if len(resources) == 0 {
		return iamItem{}, "has a statement with no resource"
	}
	o.set("actions", actions).set("resources", resources)
	if c, ok := s["Condition"].(map[string]any); ok {
		o.set("conditions", im.document(c))
	}
	if sid, ok := s["Sid"].(string); ok {
		o.fields[0].comment = "Sid " + sid + " (a statement's Sid names it and grants nothing)"
	}
	it.spec = o
	return it, ""
}

// allowStatements are the Allow statements of the policy documents of a
// SAM Policies value (one entry or a list; templates and managed policy
// names are skipped).
func allowStatements(policies any) []map[string]any {
	var out []map[string]any
	for _, pol := range cfn.List(policies) {
		doc, _ := pol.(map[string]any)
		for _, st := range cfn.List(doc["Statement"]) {
			if m, _ := st.(map[string]any); m["Effect"] == "Allow" {
				out = append(out, m)
			}
		}
	}
	return out
}

// refineIAM proves, against the model of the first build, which access
// verbs grant exactly what entries of a function's Policies grant: the
// policies a verb renders on a declared resource, expanded with the
// catalogue, against the entries' own. It reports whether it found any.
func (im *importer) refineIAM(app *schema.App) bool {
	if im.verbs == nil {
		im.verbs = map[string][]verbMatch{}
	}
	found := false
	for _, id := range sortedIDs(im.decls) {
		d := im.decls[id]
		if d.kind != "function" || len(d.iam) == 0 {
			continue
		}
		f, ok := app.Functions[d.name]
		if !ok {
			continue
		}
		rendered, errs := policies.ForFunction(app, f)
		if len(errs) > 0 {
			continue
		}
		// The grants of each item, by its key, in the order written.
		byKey := im.renderedItems(d, rendered)
		used := map[string]bool{}
		// What samgen grants for the function's events and features itself
		// (an MSK source's secret, a Kafka source's root CA, its key, a
		// deployment hook's report: policies/events.go, features.go) is no
		// grant to write. It is matched first: it is rendered whatever the
		// verbs, and a verb may grant part of it (a bucket's write is the
		// s3:PutObject of a stream's S3 failure destination).
		for _, s := range rendered {
			stmts, err := s.Policy.Statements()
			if !derivedGrant(s.Path) || err != nil {
				continue
			}
			want := statementKeys(stmts)
			for _, k := range slices.Sorted(maps.Keys(byKey)) {
				if !used[k] && slices.Equal(byKey[k], want) {
					used[k] = true
					im.verbs[d.id] = append(im.verbs[d.id], verbMatch{keys: []string{k}})
					found = true
					break
				}
			}
		}
		for _, verb := range policies.Verbs() {
			for _, kind := range policies.VerbKinds(verb) {
				k, _ := schema.KindOf(kind)
				for _, name := range k.Names(app) {
					decl, _ := app.Decl(schema.Ref{Kind: kind, Name: name})
					r := decl.Ref
					pols, err := policies.ForGrant(app, schema.Grant{Verb: verb, Target: &r})
					if err != nil || len(pols) == 0 {
						continue
					}
					keys, ok := matchPolicies(pols, byKey, used)
					if !ok {
						continue
					}
					target := im.targetID(kind, name)
					if target == "" {
						continue
					}
					for _, k := range keys {
						used[k] = true
					}
					im.verbs[d.id] = append(im.verbs[d.id], verbMatch{keys: keys, verb: verb, target: target})
					found = true
				}
			}
		}
	}
	return found
}

// derivedGrant reports whether a policy samgen renders for a function at
// path comes from its events or features, not from its IAM fields.
func derivedGrant(path string) bool {
	for _, prefix := range []string{"events.", "kmsKey", "fileSystem", "hook of "} {
		if strings.HasPrefix(path, prefix) {
			return true
		}
	}
	return false
}

// renderedItems pairs the policies samgen rendered for a function's
// written IAM fields with the items they came from.
func (im *importer) renderedItems(d *decl, rendered []policies.Sourced) map[string][]string {
	var order []iamItem
	for _, kind := range []string{"template", "managed", "statement"} {
		for _, it := range d.iam {
			if it.kind == kind {
				order = append(order, it)
			}
		}
	}
	out := map[string][]string{}
	i := 0
	for _, s := range rendered {
		if !strings.HasPrefix(s.Path, "policies[") && !strings.HasPrefix(s.Path, "managedPolicies[") && !strings.HasPrefix(s.Path, "statements[") {
			continue
		}
		if i >= len(order) {
			break
		}
		it := order[i]
		i++
		if it.kind == "managed" {
			continue
		}
		stmts, err := s.Policy.Statements()
		if err != nil {
			continue
		}
		out[it.key] = statementKeys(stmts)
	}
	return out
}

// matchPolicies finds, for each policy a verb renders, an unused item
// that grants exactly the same statements.
func matchPolicies(pols []policies.Policy, items map[string][]string, used map[string]bool) ([]string, bool) {
	var keys []string
	taken := maps.Clone(used)
	for _, p := range pols {
		stmts, err := p.Statements()
		if err != nil || p.Managed != nil {
			return nil, false
		}
		want := statementKeys(stmts)
		found := ""
		for _, k := range slices.Sorted(maps.Keys(items)) {
			if !taken[k] && slices.Equal(items[k], want) {
				found = k
				break
			}
		}
		if found == "" {
			return nil, false
		}
		taken[found] = true
		keys = append(keys, found)
	}
	return keys, true
}

// statementKeys are canonical texts of statements: actions (IAM's are
// case-insensitive) and resources as sorted sets; a Sid is left out.
func statementKeys(stmts []*policies.Statement) []string {
	var out []string
	for _, s := range stmts {
		out = append(out, statementKey(s.JSON()))
	}
	slices.Sort(out)
	return out
}

func statementKey(m map[string]any) string {
	var acts, res []string
	for _, a := range cfn.List(m["Action"]) {
		acts = append(acts, strings.ToLower(fmt.Sprint(a)))
	}
	for _, r := range cfn.List(m["Resource"]) {
		res = append(res, canon(r))
	}
	slices.Sort(acts)
	acts = slices.Compact(acts)
	slices.Sort(res)
	res = slices.Compact(res)
	b, _ := json.Marshal([]any{m["Effect"], acts, res, canon(m["Condition"])})
	return string(b)
}

// targetID returns the logical ID (or existing key) of the declaration of
// kind and name in this pass.
func (im *importer) targetID(kind, name string) string {
	for id, d := range im.decls {
		if d.kind == kind && d.name == name {
			return id
		}
	}
	for key, d := range im.existing {
		if d.kind == kind && d.name == name {
			return key
		}
	}
	return ""
}

// existingByKey returns the existing declaration of a key, declaring it
// again in this pass from the ARN in its key.
func (im *importer) existingByKey(key string) *decl {
	if d := im.existing[key]; d != nil {
		return d
	}
	kind, arn, ok := strings.Cut(key, " ")
	if !ok {
		return nil
	}
	var v any
	if json.Unmarshal([]byte(arn), &v) != nil {
		return nil
	}
	return im.existingDecl(kind, v)
}
