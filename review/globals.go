package review

import "samgen.dev/samgen/internal/cfn"

// effective returns the template's resources with SAM's Globals applied
// ([cfn.Template.Effective]).
func effective(t *cfn.Template) map[string]cfn.Resource { return t.Effective() }
