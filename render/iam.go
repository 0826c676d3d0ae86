package render

import (
	"maps"
	"slices"

	"github.com/awslabs/goformation/v7/cloudformation/lambda"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/policies"
	"samgen.dev/samgen/schema"
)

// Render modes of [Options.Policies].
const (
	PoliciesSAM    = "sam"
	PoliciesInline = "inline"
)

// functionPolicies renders a function's IAM as a SAM Policies list. In
// the SAM mode each access grant, template, managed policy and statement
// is one entry, templates by name; in the inline mode managed policies
// come first, then one document with every statement, templates expanded.
// Both give the function's role the same permissions. A grant two parts of
// the spec need (the use of a stream's key, for an access grant and an
// event source) is rendered once.
func (b *builder) functionPolicies(path string, f schema.Function) []any {
	pols, errs := policies.ForFunction(b.app, f)
	for _, err := range errs {
		b.errf(path, "%v", err)
	}
	var out []any
	if b.opts.Policies != PoliciesInline {
		for _, p := range pols {
			out = appendNew(out, p.Policy.SAM())
		}
		return out
	}
	var stmts []any
	for _, p := range pols {
		if p.Policy.Managed != nil {
			out = append(out, p.Policy.Managed)
			continue
		}
		ss, err := p.Policy.Statements()
		if err != nil {
			b.errf(path+"."+p.Path, "%v", err)
			continue
		}
		for _, s := range ss {
			stmts = appendNew(stmts, s.JSON())
		}
	}
	if len(stmts) > 0 {
		out = append(out, map[string]any{"Version": "2012-10-17", "Statement": stmts})
	}
	return out
}

// invokers renders each function's invokers as AWS::Lambda::Permission
// resources named after the function and the invoker's key.
func (b *builder) invokers() {
	for _, name := range b.app.OwnedFunctions() {
		f := b.app.Functions[name]
		fnArn := cfn.GetAtt(schema.LogicalID(f.Ref), "Arn")
		for _, k := range slices.Sorted(maps.Keys(f.Invokers)) {
			inv := f.Invokers[k]
			path := "functions." + name + ".invokers." + k
			perm := &lambda.Permission{
				Action:       "lambda:InvokeFunction",
				FunctionName: str(fnArn),
				Principal:    inv.Service,
			}
			if inv.Service == "" {
				perm.Principal = str(b.value(path+".account", inv.Account, ""))
			} else if !inv.Account.IsZero() {
				perm.SourceAccount = strp(b.value(path+".account", inv.Account, ""))
			}
			if !inv.SourceArn.IsZero() {
				perm.SourceArn = strp(b.value(path+".sourceArn", inv.SourceArn, schema.AttrArn))
			}
			res := fromStruct(perm, nil)
			b.attributes(res, path, inv.Attributes)
			b.add(schema.InvokerID(f.Ref, k, inv), path, "the permission", res)
		}
	}
}

// Explain returns the effective IAM of the function named name: see
// [policies.Explain]; tracing and VPC come from its effective settings.
func Explain(inst *schema.Instance, name string) ([]policies.Row, error) {
	f, ok := inst.App.Functions[name]
	if !ok {
		return policies.Explain(&inst.App, name, "", false)
	}
	eff := schema.Effective(inst.App.Defaults.Function, f.FunctionSettings)
	return policies.Explain(&inst.App, name, eff.Tracing, eff.VPC != nil)
}
