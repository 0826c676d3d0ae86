package policies

import "samgen.dev/samgen/schema"

func init() {
	Verbs["connect"] = map[string]grant{"proxy": connectProxy}
}

// connectProxy grants rds-db:connect as the proxy's one database user (no
// SAM template covers it), and reading the user's secret when the function
// authenticates with the password.
func connectProxy(a *schema.App, r schema.Ref) ([]Policy, error) {
	p := a.Proxies[r.Name]
	out := []Policy{{Statement: Allow([]string{"rds-db:connect"}, p.ConnectArn())}}
	if p.Secret != nil {
		read, err := ForGrant(a, schema.Grant{Verb: "read", Target: p.Secret})
		if err != nil {
			return nil, err
		}
		out = append(out, read...)
	}
	return out, nil
}
