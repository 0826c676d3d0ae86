package schema

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/diag"
)

// An API may bring an OpenAPI document of its own: a definitionFile (JSON
// or YAML) or an inline definitionBody. samgen reads it with the position
// of every value (a finding about one of its operations points at its
// line), checks what API Gateway needs of it, and binds the
// x-amazon-apigateway-integration of each operation to the declared
// resources its ${Name} placeholders are bound to by
// definitionSubstitutions: a function's Lambda integration (samgen grants
// the API permission to invoke it), and a service integration whose
// credentials are samgen's role, ${IntegrationsRole} (samgen grants the
// role exactly the operation's action on its resource).

// IntegrationsRolePlaceholder is the placeholder of an OpenAPI document
// that stands for the ARN of the API's integrations role.
const IntegrationsRolePlaceholder = "IntegrationsRole"

// OpenAPI is what samgen read from an API's OpenAPI document.
type OpenAPI struct {
	// File is the file's absolute path, "" for an inline definitionBody.
	File string
	// Doc is the document as written, in its JSON form.
	Doc map[string]any
	// Placeholders are the ${Name} placeholders of the document (pseudo
	// parameters and the integrations role aside), with their spec paths.
	Placeholders []Placeholder
	Problems     []DefinitionProblem
	// Attrs are the attributes the placeholders bound to references
	// stand for (a function's ARN in a Lambda URI, a queue's URL in
	// QueueUrl), by name.
	Attrs map[string]string
	// Operations are the document's operations that have an integration
	// samgen could read.
	Operations []OpenAPIOperation
}

// OpenAPIOperation is one operation of a document, with what samgen
// derives from its integration.
type OpenAPIOperation struct {
	// Method is the HTTP method (ANY for x-amazon-apigateway-any-method),
	// Path the path as written.
	Method, Path string
	// SpecPath is the spec path of its x-amazon-apigateway-integration.
	SpecPath string
	// Function is the substitution naming the function a Lambda
	// integration invokes.
	Function string
	// Action is what a service integration with the integrations role
	// calls (states:StartSyncExecution), Resource the substitution naming
	// what it calls it on, and ObjectPath whether the grant is on the
	// bucket's objects.
	Action, Resource string
	ObjectPath       bool
}

// RouteKey is the operation's route key, "POST /orders".
func (o OpenAPIOperation) RouteKey() string { return o.Method + " " + o.Path }

// OpenAPIPlaceholder matches a placeholder an OpenAPI document may hold: a
// name of its own or a pseudo parameter (what render substitutes, and the
// importer writes back). ${stageVariables.x} and other API Gateway
// variables are not placeholders.
var OpenAPIPlaceholder = regexp.MustCompile(`\$\{([A-Za-z0-9_]+|AWS::[A-Za-z]+)\}`)

// OpenAPIMethods are the operations of a path item, by OpenAPI name.
var OpenAPIMethods = map[string]string{
	"get": "GET", "put": "PUT", "post": "POST", "delete": "DELETE", "options": "OPTIONS",
	"head": "HEAD", "patch": "PATCH", "x-amazon-apigateway-any-method": "ANY",
}

// serviceActions are the service integrations samgen derives the role of:
// an HTTP API's first-class subtype or a REST API's aws URI (the part
// after "arn:...:apigateway:REGION:"), the action, and the kind of what it
// is called on.
var serviceActions = []struct {
	subtype, uri, action, kind string
}{
	{"StepFunctions-StartExecution", "states:action/StartExecution", "states:StartExecution", "stateMachine"},
	{"StepFunctions-StartSyncExecution", "states:action/StartSyncExecution", "states:StartSyncExecution", "stateMachine"},
	{"SQS-SendMessage", "sqs:path/", "sqs:SendMessage", "queue"},
	{"EventBridge-PutEvents", "events:action/PutEvents", "events:PutEvents", "bus"},
	{"", "s3:path/", "s3:", "bucket"},
}

type openAPIReader struct {
	inst *Instance
	def  *OpenAPIDefinition
	doc  *OpenAPI
	rest bool
}

// readOpenAPIs reads the OpenAPI document of every API that has one.
func (i *Instance) readOpenAPIs(overlay map[string][]byte) {
	for _, name := range sortedKeys(i.App.HttpApis) {
		a := i.App.HttpApis[name]
		if i.readOpenAPI("httpApis."+Label(name), &a.OpenAPIDefinition, false, overlay) {
			i.App.HttpApis[name] = a
		}
	}
	for _, name := range sortedKeys(i.App.Apis) {
		a := i.App.Apis[name]
		if i.readOpenAPI("apis."+Label(name), &a.OpenAPIDefinition, true, overlay) {
			i.App.Apis[name] = a
		}
	}
}

func (i *Instance) readOpenAPI(root string, def *OpenAPIDefinition, rest bool, overlay map[string][]byte) bool {
	r := &openAPIReader{inst: i, def: def, doc: &OpenAPI{}, rest: rest}
	var doc *docNode
	var err error
	switch {
	case def.DefinitionFile != "":
		abs := filepath.Join(i.Dir, filepath.FromSlash(def.DefinitionFile))
		if filepath.IsAbs(def.DefinitionFile) {
			abs = def.DefinitionFile
		}
		r.doc.File = abs
		if src, ok := overlay[abs]; ok {
			doc, err = parseDocument(abs, src)
		} else {
			doc, err = readDocument(abs)
		}
	case def.DefinitionBody != nil:
		// The body's positions are the spec's own.
		src, _ := json.Marshal(def.DefinitionBody)
		doc, err = parseDocument("", src)
	default:
		return false
	}
	body := root + ".definitionBody"
	switch {
	case err != nil:
		path, msg := root+".definitionFile", err.Error()
		if de, ok := err.(*DocumentError); ok {
			path = body
			r.inst.setDocPos(path, de.Pos, diag.Position{})
			msg = "OpenAPI file " + filepath.Base(r.doc.File) + ": " + de.Msg
		} else if rel, rerr := filepath.Rel(i.Dir, r.doc.File); rerr == nil {
			msg = strings.ReplaceAll(msg, r.doc.File, filepath.ToSlash(rel))
		}
		r.problem(ProblemSyntax, path, "%s", msg)
	case doc.kind != "object":
		r.at(body, doc)
		r.problem(ProblemSyntax, body, "an OpenAPI document is an object with openapi (or swagger) and paths")
	default:
		r.doc.Doc = doc.JSON().(map[string]any)
		r.top(body, doc)
	}
	def.OpenAPI = r.doc
	return true
}

func (r *openAPIReader) problem(kind, path, format string, args ...any) {
	r.doc.Problems = append(r.doc.Problems, DefinitionProblem{kind, path, fmt.Sprintf(format, args...)})
}

// at records where the value at path is, when it is in a file.
func (r *openAPIReader) at(path string, n *docNode) {
	if r.doc.File != "" {
		r.inst.setDocPos(path, n.pos, n.end)
	}
}

// atKey records where key k of object n is, when it is in a file.
func (r *openAPIReader) atKey(path string, n *docNode, k string) {
	if r.doc.File != "" {
		r.inst.setDocPos(path, n.keyPos[k], diag.Position{})
	}
}

func (r *openAPIReader) top(path string, n *docNode) {
	r.walk(path, n)
	openapi, swagger := n.field("openapi"), n.field("swagger")
	v, _ := openapi.str()
	s, _ := swagger.str()
	switch {
	case openapi != nil && strings.HasPrefix(v, "3.0"):
	case swagger != nil && s == "2.0" && r.rest:
	case swagger != nil && !r.rest:
		r.problem(ProblemSyntax, path+".swagger", "an HTTP API imports OpenAPI 3.0 only: write openapi: \"3.0.1\"")
	case openapi != nil:
		r.problem(ProblemSyntax, path+".openapi", "openapi is %q: API Gateway imports OpenAPI 3.0 (\"3.0.1\") and Swagger 2.0", fmt.Sprint(openapi.JSON()))
	case swagger != nil:
		r.problem(ProblemSyntax, path+".swagger", "swagger is %q: API Gateway imports Swagger \"2.0\" and OpenAPI 3.0", fmt.Sprint(swagger.JSON()))
	default:
		r.problem(ProblemSyntax, path, "an OpenAPI document states its version: openapi: \"3.0.1\"%s", map[bool]string{true: " (or swagger: \"2.0\")"}[r.rest])
	}
	paths := n.field("paths")
	if paths == nil {
		r.problem(ProblemSyntax, path, "an OpenAPI document has paths")
		return
	}
	if paths.kind != "object" {
		r.problem(ProblemSyntax, path+".paths", "paths is an object of paths (\"/orders\": {post: ...})")
		return
	}
	for _, p := range paths.keys {
		pp := path + ".paths." + Label(p)
		item := paths.fields[p]
		if !strings.HasPrefix(p, "/") {
			r.atKey(pp, paths, p)
			r.problem(ProblemSyntax, pp, "path %q starts with /", p)
			continue
		}
		if item.kind != "object" {
			r.problem(ProblemSyntax, pp, "path %s is an object of operations", p)
			continue
		}
		for _, m := range item.keys {
			method, ok := OpenAPIMethods[m]
			if !ok {
				continue // parameters, summary, servers, ...
			}
			op := item.fields[m]
			integ := op.field("x-amazon-apigateway-integration")
			if integ == nil {
				continue
			}
			r.integration(pp+"."+Label(m)+"."+Label("x-amazon-apigateway-integration"), method, p, integ)
		}
	}
}

// walk records the positions of every value and the placeholders of
// every string.
func (r *openAPIReader) walk(path string, n *docNode) {
	n.walk(path, func(p string, m *docNode) {
		r.at(p, m)
		s, ok := m.str()
		if !ok {
			return
		}
		for _, ph := range OpenAPIPlaceholder.FindAllStringSubmatch(s, -1) {
			if ph[1] != IntegrationsRolePlaceholder && !strings.HasPrefix(ph[1], "AWS::") {
				r.doc.Placeholders = append(r.doc.Placeholders, Placeholder{ph[1], p})
			}
		}
	})
}

// names are the placeholders of a string that are bound to declared
// resources, with their kinds.
func (r *openAPIReader) refs(s string) (names []string, kinds []string) {
	for _, m := range OpenAPIPlaceholder.FindAllStringSubmatch(s, -1) {
		if v, ok := r.def.DefinitionSubstitutions[m[1]]; ok {
			if ref, _, isRef := v.Ref(); isRef {
				names, kinds = append(names, m[1]), append(kinds, ref.Kind)
			}
		}
	}
	return names, kinds
}

func (r *openAPIReader) need(name, attr string) {
	if r.doc.Attrs == nil {
		r.doc.Attrs = map[string]string{}
	}
	r.doc.Attrs[name] = attr
}

// integration checks one operation's x-amazon-apigateway-integration and
// binds it.
func (r *openAPIReader) integration(path, method, p string, n *docNode) {
	if n.kind != "object" {
		r.problem(ProblemSyntax, path, "x-amazon-apigateway-integration is an object")
		return
	}
	op := OpenAPIOperation{Method: method, Path: p, SpecPath: path}
	typ, ok := n.field("type").str()
	if !ok {
		r.problem(ProblemSyntax, path, "the integration of %s %s needs type (aws_proxy, aws, http_proxy, http or mock)", method, p)
		return
	}
	typ = strings.ToLower(typ)
	if !slices.Contains([]string{"aws_proxy", "aws", "http_proxy", "http", "mock"}, typ) {
		r.problem(ProblemSyntax, path+".type", "integration type %q is none of aws_proxy, aws, http_proxy, http and mock", typ)
		return
	}
	subtype, _ := n.field("integrationSubtype").str()
	uri, hasURI := n.field("uri").str()
	if (typ == "aws" || typ == "aws_proxy") && !hasURI && subtype == "" {
		r.problem(ProblemSyntax, path, "an %s integration needs uri (arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/${Function}/invocations, or a service's)", typ)
		return
	}
	httpMethod, hasMethod := n.field("httpMethod").str()
	if strings.Contains(uri, ":lambda:path/") {
		if (r.rest || hasMethod) && !strings.EqualFold(httpMethod, "POST") {
			at := path + ".httpMethod"
			if !hasMethod {
				at = path
			}
			r.problem(ProblemSyntax, at, "a Lambda integration calls Lambda's Invoke API with httpMethod POST, whatever the route's method")
		}
		names, kinds := r.refs(uri)
		switch {
		case len(names) == 1 && kinds[0] == "function":
			op.Function = names[0]
			r.need(names[0], AttrArn)
		case len(names) == 1:
			r.problem(ProblemBinding, path+".uri", "${%s} is bound to a %s: a Lambda integration's uri names a function, app.functions.NAME.ref", names[0], kinds[0])
			return
		default:
			r.problem(ProblemBinding, path+".uri", "bind the function of %s %s as a ${Name} of definitionSubstitutions (app.functions.NAME.ref), so that samgen lets the API invoke it", method, p)
			return
		}
	}
	if creds, _ := n.field("credentials").str(); creds == "${"+IntegrationsRolePlaceholder+"}" {
		r.service(path, n, subtype, uri, httpMethod, &op)
	}
	r.doc.Operations = append(r.doc.Operations, op)
}

// service binds a service integration that has samgen's role.
func (r *openAPIReader) service(path string, n *docNode, subtype, uri, httpMethod string, op *OpenAPIOperation) {
	for _, s := range serviceActions {
		if !(s.subtype != "" && subtype == s.subtype || subtype == "" && strings.Contains(uri, ":"+s.uri)) {
			continue
		}
		op.Action = s.action
		if s.kind == "bucket" {
			switch strings.ToUpper(httpMethod) {
			case "GET":
				op.Action += "GetObject"
			case "PUT":
				op.Action += "PutObject"
			default:
				r.problem(ProblemBinding, path+".httpMethod", "samgen derives the role of S3 object reads (GET) and writes (PUT) only")
				op.Action = ""
				return
			}
			op.ObjectPath = true
		}
		var found []string
		var scan func(key string, x *docNode)
		scan = func(key string, x *docNode) {
			switch x.kind {
			case "object":
				for _, k := range x.keys {
					scan(k, x.fields[k])
				}
			case "array":
				for _, e := range x.items {
					scan(key, e)
				}
			default:
				str, _ := x.str()
				names, kinds := r.refs(str)
				for i, name := range names {
					if kinds[i] != s.kind {
						continue
					}
					found = append(found, name)
					attr := AttrName
					switch {
					case s.kind == "stateMachine":
						attr = AttrArn
					case key == "QueueUrl":
						attr = AttrURL
					}
					r.need(name, attr)
				}
			}
		}
		scan("", n)
		slices.Sort(found)
		found = slices.Compact(found)
		if len(found) != 1 {
			k, _ := KindOf(s.kind)
			r.problem(ProblemBinding, path, "the %s integration of %s %s names its %s as one ${Name} bound to app.%s.NAME.ref, so that samgen grants the integrations role exactly on it",
				op.Action, op.Method, op.Path, kindWord(s.kind), k.Collection)
			op.Action = ""
			return
		}
		op.Resource = found[0]
		if ref, _, _ := r.def.DefinitionSubstitutions[op.Resource].Ref(); op.Action == "states:StartSyncExecution" {
			if sm, ok := r.inst.App.StateMachines[ref.Name]; ok && sm.Type != "EXPRESS" {
				r.problem(ProblemBinding, path, "state machine %s is STANDARD: only an EXPRESS execution can be waited for (StartSyncExecution); start it with StepFunctions-StartExecution", ref.Name)
			}
		}
		return
	}
	r.problem(ProblemBinding, path+".credentials", "samgen derives the integrations role for Step Functions, SQS, EventBridge and S3 integrations; give this one credentials of your own")
}

func kindWord(kind string) string {
	if w, ok := map[string]string{"stateMachine": "state machine", "bus": "event bus"}[kind]; ok {
		return w
	}
	return kind
}
