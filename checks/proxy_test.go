package checks

import "testing"

func TestProxyInVPC(t *testing.T) {
	const proxy = "\tproxies: db: {arn: \"arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0abc1\", user: \"app\"}\n"
	for _, tc := range []struct {
		name, body string
		want       int
	}{
		{"no vpc", proxy + "\tfunctions: f: access: [{connect: app.proxies.db.ref}]\n", 1},
		{"own vpc", proxy + "\tfunctions: f: {vpc: {subnets: [\"subnet-1\"], securityGroups: [\"sg-1\"]}, access: [{connect: app.proxies.db.ref}]}\n", 0},
		{"no connect", proxy + "\tfunctions: f: {}\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := 0
			for _, d := range checkSpec(t, tc.body) {
				if d.Rule == "SG608" {
					got++
					if !d.Pos.IsValid() {
						t.Errorf("SG608 at %s has no position", d.Path)
					}
				}
			}
			if got != tc.want {
				t.Errorf("SG608 reported %d times, want %d", got, tc.want)
			}
		})
	}
}
