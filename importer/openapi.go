package importer

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"samgen.dev/samgen/schema"
)

// openAPIBody is an API's DefinitionBody read back as the definitionBody
// and definitionSubstitutions samgen renders it from (render/openapi.go),
// the reverse of its substitution:
//
//   - !Sub [s, {Name: value}] is s with the placeholder ${Name} bound to
//     the value (a !Sub string of pseudo parameters alone is s);
//   - a whole value that is an intrinsic (!Ref Orders, !GetAtt
//     Orders.Arn, !Ref AWS::StackName) is a placeholder of its own,
//     named after what it names (a whole-string placeholder renders as
//     its value, not as a !Sub);
//   - !GetAtt <API>IntegrationsRole.Arn is ${IntegrationsRole}, the role
//     samgen derives, which the API then absorbs with the permission of
//     each Lambda integration (<API><Method><Path>Permission).
//
// What samgen would render otherwise (a literal ${Name} in a plain
// string, an escape ${!x}, a !Sub variable it does not use) is not read:
// the body stays an override.
type openAPIBody struct {
	doc    any
	subs   map[string]any // placeholder → the template's value
	roleID string         // the integrations role, when the body uses it
	// permissions are the IDs of the permissions samgen renders for the
	// body's Lambda integrations.
	permissions []string
	// attrs are the attributes samgen's reader gives the placeholders
	// from where they are: a function's ARN in a Lambda URI.
	attrs map[string]string
	why   string // why the body cannot be read ("" when it can)
	// routesOnly is set when the body cannot be read as a definitionBody
	// (why) but may be typed service routes, which use the role alone.
	routesOnly bool
}

// readOpenAPIBody reads the DefinitionBody of the API with logical ID
// apiID.
func readOpenAPIBody(apiID, kind string, body any) *openAPIBody {
	b := &openAPIBody{subs: map[string]any{}, attrs: map[string]string{}}
	role := schema.IntegrationsRoleID(schema.Ref{Kind: kind, ID: apiID}, nil)
	b.doc = b.read(normalizeIntrinsics(body), role)
	if b.why != "" {
		return b
	}
	doc, _ := b.doc.(map[string]any)
	paths, _ := doc["paths"].(map[string]any)
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		item, _ := paths[p].(map[string]any)
		for _, m := range slices.Sorted(maps.Keys(item)) {
			method, ok := schema.OpenAPIMethods[m]
			op, _ := item[m].(map[string]any)
			integ, _ := op["x-amazon-apigateway-integration"].(map[string]any)
			if uri, _ := integ["uri"].(string); ok && strings.Contains(uri, ":lambda:path/") {
				b.permissions = append(b.permissions, schema.OpenAPIPermissionID(schema.Ref{Kind: kind, ID: apiID}, method+" "+p))
				for _, m := range schema.OpenAPIPlaceholder.FindAllStringSubmatch(uri, -1) {
					b.attrs[m[1]] = schema.AttrArn
				}
			}
		}
	}
	return b
}

// subVariable matches a variable of a !Sub string: ${Name}, ${Name.Attr}
// or a pseudo parameter.
var subVariable = regexp.MustCompile(`\$\{[A-Za-z0-9_:.]+\}`)

func (b *openAPIBody) fail(format string, args ...any) {
	if b.why == "" {
		b.why = fmt.Sprintf(format, args...)
	}
}

func (b *openAPIBody) read(v any, role string) any {
	switch x := v.(type) {
	case map[string]any:
		if isIntrinsicMap(x) {
			return b.intrinsic(x, role)
		}
		out := make(map[string]any, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out[k] = b.read(x[k], role)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = b.read(e, role)
		}
		return out
	case string:
		if schema.OpenAPIPlaceholder.MatchString(x) || strings.Contains(x, "${!") {
			b.fail("its string %q is literal in the template, and samgen would make it a !Sub", x)
		}
	}
	return v
}

func (b *openAPIBody) intrinsic(x map[string]any, role string) any {
	if ga, ok := x["Fn::GetAtt"].([]any); ok && len(ga) == 2 && ga[0] == role && ga[1] == "Arn" {
		b.roleID = role
		return "${" + schema.IntegrationsRolePlaceholder + "}"
	}
	switch sub := x["Fn::Sub"].(type) {
	case string:
		// ${Orders} and ${Orders.Arn} become placeholders of their own
		// (the comparison reads the two !Sub forms alike).
		if strings.Contains(sub, "${!") || len(schema.SubVariables(sub)) == 0 {
			b.fail("its !Sub %q has no variables, or escapes", sub)
			return sub
		}
		if schema.OpenAPIPlaceholder.FindString(sub) == sub && pseudo[sub[2:len(sub)-1]] == "" {
			b.fail("its !Sub %q is one variable, which samgen renders as the value", sub)
		}
		return subVariable.ReplaceAllStringFunc(sub, func(m string) string {
			name := m[2 : len(m)-1]
			if pseudo[name] != "" {
				return m
			}
			v := map[string]any{"Ref": name}
			if id, attr, ok := strings.Cut(name, "."); ok {
				v = map[string]any{"Fn::GetAtt": []any{id, attr}}
			}
			return "${" + b.bindNew(placeholderName(v), v) + "}"
		})
	case []any:
		s, vars := subParts(sub)
		if vars == nil || strings.Contains(s, "${!") {
			b.fail("a !Sub of it is not a string with variables")
			return x
		}
		used := map[string]bool{}
		for _, name := range schema.SubVariables(s) {
			if _, bound := vars[name]; !bound && pseudo[name] == "" {
				b.fail("its !Sub %q names %s, which is not one of its variables", s, name)
			}
			used[name] = true
		}
		if schema.OpenAPIPlaceholder.FindString(s) == s {
			b.fail("its !Sub %q is one variable, which samgen renders as the value", s)
		}
		for _, name := range slices.Sorted(maps.Keys(vars)) {
			switch {
			case !used[name]:
				b.fail("its !Sub %q does not use its variable %s", s, name)
			case name == schema.IntegrationsRolePlaceholder:
				b.fail("its !Sub %q names a variable %s, samgen's integrations role", s, name)
			default:
				b.bind(name, vars[name])
			}
		}
		return s
	}
	return "${" + b.bindNew(placeholderName(x), x) + "}"
}

// bind binds a placeholder; a name bound to two values cannot be read.
func (b *openAPIBody) bind(name string, v any) {
	if old, ok := b.subs[name]; ok && canon(old) != canon(v) {
		b.fail("its !Sub variable %s stands for two values", name)
	}
	b.subs[name] = v
}

// bindNew binds v to name, or to the first of name2, name3... that is free
// or bound to v already.
func (b *openAPIBody) bindNew(name string, v any) string {
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n += strconv.Itoa(i)
		}
		if n == schema.IntegrationsRolePlaceholder {
			continue
		}
		if old, ok := b.subs[n]; !ok || canon(old) == canon(v) {
			b.subs[n] = v
			return n
		}
	}
}

// placeholderName names the placeholder of a whole-value intrinsic after
// what it names: Orders for !Ref Orders, OrdersArn for !GetAtt
// Orders.Arn, StackName for !Ref AWS::StackName.
func placeholderName(x map[string]any) string {
	var name string
	if ref, ok := x["Ref"].(string); ok {
		name = strings.TrimPrefix(ref, "AWS::")
	} else if ga, ok := x["Fn::GetAtt"].([]any); ok && len(ga) == 2 {
		id, _ := ga[0].(string)
		attr, _ := ga[1].(string)
		name = id + attr
	}
	name = strings.Map(func(r rune) rune {
		if r < 128 && (r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return -1
	}, name)
	if name == "" {
		return "Value"
	}
	return name
}

// readBodies reads the DefinitionBody of every API before any
// declaration absorbs what it derives: a function would otherwise take the
// permission of its Lambda integration as an invoker of its own. A body
// is read when the template has the role and the permissions samgen
// derives from it.
func (im *importer) readBodies() {
	im.bodies = map[string]*openAPIBody{}
	im.bodyPermissions = map[string]bool{}
	for _, id := range sortedIDs(im.decls) {
		d := im.decls[id]
		body, ok := d.res.Properties["DefinitionBody"]
		if !ok || d.kind != "api" && d.kind != "httpApi" {
			continue
		}
		if why, rejected := im.bodyRejected[id]; rejected {
			im.bodies[id] = &openAPIBody{why: why}
			continue
		}
		b := readOpenAPIBody(id, d.kind, body)
		if b.why == "" {
			b.why = im.derivedMissing(b)
		} else if b.roleID != "" && im.derivedMissing(&openAPIBody{roleID: b.roleID}) == "" {
			b.routesOnly = true
		}
		im.bodies[id] = b
		if b.why == "" {
			for _, p := range b.permissions {
				im.bodyPermissions[p] = true
			}
		}
	}
}

// derivedMissing says which resource samgen derives from a body the
// template lacks, if one.
func (im *importer) derivedMissing(b *openAPIBody) string {
	want := map[string]string{}
	if b.roleID != "" {
		want[b.roleID] = "AWS::IAM::Role"
	}
	for _, p := range b.permissions {
		want[p] = "AWS::Lambda::Permission"
	}
	for _, id := range slices.Sorted(maps.Keys(want)) {
		if r, ok := im.res[id]; !ok || r.Type != want[id] || im.noAbsorb[id] {
			return fmt.Sprintf("samgen renders %s for it (%s), which the template does not have", id, want[id])
		}
	}
	return ""
}

// openAPIAbsorbs are the resources samgen derives from an API's
// DefinitionBody: the integrations role and the Lambda permissions.
func (im *importer) openAPIAbsorbs(d *decl) []string {
	b := im.bodies[d.id]
	switch {
	case b == nil:
		return nil
	case b.routesOnly:
		return []string{b.roleID}
	case b.why != "":
		return nil
	}
	var out []string
	if b.roleID != "" {
		out = append(out, b.roleID)
	}
	return append(out, b.permissions...)
}

// definitionBody writes an API's DefinitionBody as its definitionBody and
// definitionSubstitutions when samgen renders it so (readBodies); else it
// stays an override, with the reason.
func (im *importer) definitionBody(d *decl, p *bag) {
	b := im.bodies[d.id]
	v, _ := p.peek("DefinitionBody")
	if b == nil || v == nil {
		return
	}
	if b.why != "" && !b.routesOnly {
		im.bodyWhy[d.id] = b.why
		return
	}
	for _, id := range im.openAPIAbsorbs(d) {
		if !slices.Contains(d.absorbs, id) {
			// Taken by another declaration: the body stays an override,
			// and the pass starts again without absorbing the others.
			im.bodyRejected[d.id] = fmt.Sprintf("samgen renders %s for it, which another declaration of the import takes", id)
			im.restart = true
			return
		}
	}
	if routes, ok := im.serviceRoutes(d, v); ok {
		p.take("DefinitionBody")
		d.spec.set("integrations", routes)
		return
	}
	if b.routesOnly {
		// The role was taken for routes the body does not hold: the pass
		// starts again with the body an override and the role raw.
		im.bodyRejected[d.id] = b.why
		im.restart = true
		return
	}
	p.take("DefinitionBody")
	d.spec.set("definitionBody", im.document(b.doc))
	subs := newObj()
	for _, name := range slices.Sorted(maps.Keys(b.subs)) {
		subs.set(name, im.value(b.subs[name], b.attrs[name]))
	}
	if !subs.empty() {
		d.spec.set("definitionSubstitutions", subs)
	}
}
