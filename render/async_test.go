package render_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"samgen.dev/samgen/internal/samtest"
)

// samPrelude and runSAM run SAM's translator (see samtest).
const samPrelude = samtest.Prelude

var runSAM = samtest.Run

// samLoader reads samgen's short-form intrinsics (see samtest).
const samLoader = samtest.Loader

// transformScript runs SAM's transform (aws-sam-translator, which cfn-lint
// also runs) on a template and reports, per function, the destinations and
// dead-letter targets samgen rendered that no statement of the function's
// generated role grants the delivery action on, and the Qualifier of each generated
// EventInvokeConfig.
const transformScript = samLoader + `
t = yaml.safe_load(open(sys.argv[1]))
wanted = {}
for lid, r in t["Resources"].items():
    p = r.get("Properties", {})
    for k in ("CodeUri", "ContentUri", "DefinitionUri"):
        if isinstance(p.get(k), str):
            p[k] = "s3://bucket/" + p[k]  # as sam package rewrites it
    if r["Type"] != "AWS::Serverless::Function":
        continue
    dests = [(d["Type"], d["Destination"]) for d in p.get("EventInvokeConfig", {}).get("DestinationConfig", {}).values()]
    if "DeadLetterQueue" in p:
        dests.append((p["DeadLetterQueue"]["Type"], p["DeadLetterQueue"]["TargetArn"]))
    for e in p.get("Events", {}).values():
        f = e.get("Properties", {}).get("DestinationConfig", {}).get("OnFailure")
        if f:
            dests.append((f["Type"], f["Destination"]))
    wanted[lid] = dests

# The action each destination type needs on the destination's ARN.
action = {"SQS": "sqs:sendmessage", "SNS": "sns:publish", "Lambda": "lambda:invokefunction",
          "EventBridge": "events:putevents", "S3Bucket": "s3:listbucket", "S3": "s3:listbucket"}
# The destination type a resource of the template calls for, whatever
# Type samgen rendered.
by_resource = {"AWS::SQS::Queue": "SQS", "AWS::SNS::Topic": "SNS", "AWS::Events::EventBus": "EventBridge",
               "AWS::Serverless::Function": "Lambda", "AWS::S3::Bucket": "S3Bucket"}
def expected(typ, d):
    if isinstance(d, dict):
        ref = d.get("Ref") or (d.get("Fn::GetAtt") or [None])[0]
        if ref in t["Resources"]:
            return by_resource.get(t["Resources"][ref]["Type"], typ)
    return typ

out = transform(t, {"AWS::Region": "eu-west-1"}, Policies())
res = out["Resources"]
report = {"missing": {}, "qualifiers": {}}
for lid, dests in sorted(wanted.items()):
    role = res[lid + "Role"]["Properties"]
    granted = set()
    for p in role.get("Policies", []):
        for s in p["PolicyDocument"]["Statement"]:
            acts = s["Action"] if isinstance(s["Action"], list) else [s["Action"]]
            for a in acts:
                granted.add((a.lower(), json.dumps(s["Resource"], sort_keys=True)))
    missing = [[typ, d] for typ, d in dests if (action[expected(typ, d)], json.dumps(d, sort_keys=True)) not in granted]
    if missing:
        report["missing"][lid] = missing
for lid, r in sorted(res.items()):
    if r["Type"] == "AWS::Lambda::EventInvokeConfig":
        report["qualifiers"][lid] = r["Properties"]["Qualifier"]
print(json.dumps(report, sort_keys=True))
`

// TestDestinationIAM runs SAM's transform on the async-orders example and
// checks that SAM grants the function's role access to every async
// destination, dead-letter target and stream on-failure destination samgen
// rendered, and that the event invoke configuration follows the alias.
func TestDestinationIAM(t *testing.T) {
	t.Parallel()
	out := runSAM(t, transformScript, nil, filepath.Join("..", "examples", "async-orders", "template.yaml"))
	var report struct {
		Missing    map[string][]any  `json:"missing"`
		Qualifiers map[string]string `json:"qualifiers"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for fn, dests := range report.Missing {
		t.Errorf("the role of %s grants no delivery to %v", fn, dests)
	}
	if q := report.Qualifiers["PlaceOrderFunctionEventInvokeConfig"]; q != "live" {
		t.Errorf("EventInvokeConfig Qualifier = %q, want the alias \"live\" (all: %v)", q, report.Qualifiers)
	}
}
