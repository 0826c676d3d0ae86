package engine

import (
	"samgen.dev/samgen/checks"
	"samgen.dev/samgen/internal/diag"
	"samgen.dev/samgen/render"
	"samgen.dev/samgen/review"
)

// budget checks the rendered template against CloudFormation's limits
// (SG004–SG008): the resources after SAM's transform and the template's
// size, as `samgen build` writes it (YAML). They are about the app as a
// whole, so they are reported at `app`. It returns the YAML it measured,
// which build writes as it is. The template is measured as cfn.Parse would
// read that YAML back (render.Data), without parsing it.
func budget(at diag.Position, t *render.Template) (diag.List, []byte, error) {
	body, err := render.Encode(t, "yaml")
	if err != nil {
		return nil, nil, err
	}
	b := review.Measure(render.Data(t, len(body)))
	var out diag.List
	report := func(id, format string, args ...any) {
		out = append(out, checks.Finding(id, "app", at, format, args...))
	}
	rendered := len(t.Resources)
	switch n := b.Resources; {
	case n > review.MaxResources:
		report("SG005", "the stack has %d resources after SAM's transform (%d in the template, %d that SAM adds), over CloudFormation's limit of %d: split the app into stacks", n, rendered, n-rendered, review.MaxResources)
	case float64(n) >= review.WarnShare*review.MaxResources:
		report("SG004", "the stack has %d resources after SAM's transform (%d in the template, %d that SAM adds), %d%% of CloudFormation's limit of %d", n, rendered, n-rendered, n*100/review.MaxResources, review.MaxResources)
	}
	switch n := b.Bytes; {
	case n > review.MaxBytes:
		report("SG007", "the template is %d bytes, over CloudFormation's limit of %d", n, review.MaxBytes)
	case float64(n) >= review.WarnShare*review.MaxBytes:
		report("SG006", "the template is %d bytes, %d%% of CloudFormation's limit of %d", n, n*100/review.MaxBytes, review.MaxBytes)
	}
	if b.Bytes > review.MaxInlineBytes {
		report("SG008", "the template is %d bytes, over the %d CloudFormation takes inline: deploy it through S3 (sam deploy --resolve-s3)", b.Bytes, review.MaxInlineBytes)
	}
	return out, body, nil
}
