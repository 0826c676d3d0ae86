package render

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation/lambda"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// openAPIBody renders an API's OpenAPI document of its own inline, as
// DefinitionBody: SAM reads intrinsics in DefinitionBody (not in a file
// DefinitionUri names, which it uploads as written), so each string with
// a placeholder becomes a !Sub of it with the substitutions it uses and
// ${IntegrationsRole} as the role's ARN. It returns the document, and the
// integrations role's statements for its service integrations; it adds
// the permission that lets the API invoke each function it integrates.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-httpapi.html#sam-httpapi-definitionbody
func (b *builder) openAPIBody(api schema.Ref, path string, def schema.OpenAPIDefinition, roleID string) (map[string]any, []any) {
	doc := def.OpenAPI
	subs := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(def.DefinitionSubstitutions)) {
		subs[k] = b.value(path+".definitionSubstitutions."+schema.Label(k), def.DefinitionSubstitutions[k], doc.Attrs[k])
	}
	subs[schema.IntegrationsRolePlaceholder] = cfn.GetAtt(roleID, "Arn")
	body, _ := substitute(doc.Doc, subs).(map[string]any)
	var stmts []any
	for _, op := range doc.Operations {
		switch {
		case op.Function != "":
			b.apiInvokePermission(api, path, def, op)
		case op.Action != "":
			subPath := path + ".definitionSubstitutions." + schema.Label(op.Resource)
			res := b.value(subPath, def.DefinitionSubstitutions[op.Resource], schema.AttrArn)
			if op.ObjectPath {
				res = cfn.SubVars("${Arn}/*", map[string]any{"Arn": res})
			}
			stmts = append(stmts, map[string]any{"Effect": "Allow", "Action": op.Action, "Resource": res})
		}
	}
	return body, stmts
}

// apiInvokePermission lets the API invoke the function of one operation,
// on that route only (a path parameter is any one segment).
func (b *builder) apiInvokePermission(api schema.Ref, path string, def schema.OpenAPIDefinition, op schema.OpenAPIOperation) {
	subPath := path + ".definitionSubstitutions." + schema.Label(op.Function)
	method := op.Method
	if method == "ANY" {
		method = "*"
	}
	route := pathParam.ReplaceAllString(op.Path, "*")
	perm := &lambda.Permission{
		Action:       "lambda:InvokeFunction",
		FunctionName: str(b.value(subPath, def.DefinitionSubstitutions[op.Function], schema.AttrArn)),
		Principal:    "apigateway.amazonaws.com",
		SourceArn: strp(cfn.SubVars("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/"+method+route, map[string]any{
			"Api": cfn.Ref(schema.LogicalID(api)),
		})),
	}
	b.add(schema.OpenAPIPermissionID(api, op.RouteKey()), op.SpecPath, "the permission", fromStruct(perm, nil))
}

// pathParam matches a {parameter} of a path ({proxy+} too).
var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// substitute renders each string of a document that has a placeholder as
// a !Sub: ${Name} of vars with its value, ${AWS::Region} as itself, and
// any other ${...} (API Gateway's ${stageVariables.x}) kept as written.
func substitute(v any, vars map[string]any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = substitute(e, vars)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = substitute(e, vars)
		}
		return out
	case string:
		if !strings.Contains(x, "${") {
			return x
		}
		used := map[string]any{}
		pseudo := false
		s := anyPlaceholder.ReplaceAllStringFunc(x, func(m string) string {
			name := m[2 : len(m)-1]
			if val, ok := vars[name]; ok {
				used[name] = val
				return m
			}
			if strings.HasPrefix(name, "AWS::") && !strings.Contains(name[5:], ":") {
				pseudo = true
				return m
			}
			return "${!" + name + "}"
		})
		switch {
		case len(used) == 1 && anyPlaceholder.FindString(x) == x:
			return used[x[2:len(x)-1]] // the whole string is one value
		case len(used) > 0:
			return cfn.SubVars(s, used)
		case pseudo:
			return cfn.Sub(s)
		}
		return x
	}
	return v
}

// anyPlaceholder matches every ${...} of a string.
var anyPlaceholder = regexp.MustCompile(`\$\{[^}]*\}`)
