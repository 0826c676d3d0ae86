package lint

import (
	"fmt"

	"samgen.dev/samgen/schema"
)

func init() {
	register(Rule{ID: "SG608", Severity: Error, Check: proxyInVPC,
		Summary: "a function that connects to an RDS Proxy runs in a VPC",
		Doc:     "An RDS Proxy has no public endpoint: only a function attached to the proxy's VPC (`vpc`, here or in `defaults.function`) can reach it, whatever IAM allows."})
}

func proxyInVPC(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		e := schema.Effective(c.App.Defaults.Function, fn.FunctionSettings)
		if e.VPC != nil {
			return
		}
		for i, a := range fn.Access {
			if a.Connect != nil && a.Connect.Kind == "proxy" {
				c.Report(fmt.Sprintf("%s.access[%d].connect", path, i),
					"function %s connects to RDS Proxy %s but is not in a VPC; set vpc (here or in defaults.function)", name, a.Connect.Name)
			}
		}
	})
}
