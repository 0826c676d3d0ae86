package render_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
)

// deliveryScript runs SAM's transform on a template and prints what SAM
// generates for the deliveries samgen leaves to it: per Scheduler schedule,
// the actions its role grants on each resource; per bucket, the functions
// its notifications invoke.
const deliveryScript = samLoader + `
t = yaml.safe_load(open(sys.argv[1]))
for r in t["Resources"].values():
    p = r.get("Properties", {})
    for k in ("CodeUri", "DefinitionUri"):
        if isinstance(p.get(k), str):
            p[k] = "s3://bucket/" + p[k]
res = transform(t, {"AWS::Region": "eu-west-1"}, Policies())["Resources"]
out = {"schedules": {}, "notifications": {}}
for lid, r in sorted(res.items()):
    p = r.get("Properties", {})
    if r["Type"] == "AWS::Scheduler::Schedule":
        role = res[p["Target"]["RoleArn"]["Fn::GetAtt"][0]]["Properties"]
        grants = []
        for pol in role["Policies"]:
            for s in pol["PolicyDocument"]["Statement"]:
                acts = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
                grants += [a + " " + json.dumps(s["Resource"], sort_keys=True) for a in acts]
        out["schedules"][lid] = sorted(grants)
    if r["Type"] == "AWS::S3::Bucket":
        out["notifications"][lid] = [json.dumps(c["Function"], sort_keys=True)
            for c in p.get("NotificationConfiguration", {}).get("LambdaConfigurations", [])]
print(json.dumps(out, sort_keys=True))
`

// TestFullAppTransform runs SAM's transform on the full-app example and
// checks the deliveries SAM completes: the Scheduler schedule's role may
// invoke the function and send to its dead-letter queue, and the uploads
// bucket notifies the ingest function.
func TestFullAppTransform(t *testing.T) {
	t.Parallel()
	out := runSAM(t, deliveryScript, nil, filepath.Join("..", "examples", "full-app", "template.yaml"))
	var got struct {
		Schedules     map[string][]string `json:"schedules"`
		Notifications map[string][]string `json:"notifications"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(got.Schedules) != 1 {
		t.Fatalf("want one schedule, got %v", got.Schedules)
	}
	for id, grants := range got.Schedules {
		for _, want := range []string{
			`lambda:InvokeFunction {"Fn::GetAtt": ["ReportFunction", "Arn"]}`,
			`sqs:SendMessage {"Fn::GetAtt": ["FailedQueue", "Arn"]}`,
		} {
			if !slices.Contains(grants, want) {
				t.Errorf("the role of schedule %s does not grant %s; it grants %q", id, want, grants)
			}
		}
	}
	if n := got.Notifications["UploadsBucket"]; !slices.Equal(n, []string{`{"Fn::GetAtt": ["IngestFunction", "Arn"]}`}) {
		t.Errorf("UploadsBucket notifies %v, want IngestFunction", n)
	}
}
