package render_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"samgen.dev/samgen/internal/specfixture"
)

// existingSpec uses resources of other accounts and regions, declared by
// literal ARN and by expression, with every access verb whose SAM policy
// template would rebuild the ARN from a name in the deploying account.
const existingSpec = `package app

import "samgen.dev/schema"

app: schema.#App & {
	name: "audit"
	defaults: function: {runtime: "python3.13", handler: "app.handler", memory: 256, timeout: 10, tracing: "Active", logging: retention: 7}
	parameters: ledgerArn: type: "String"
	topics: audit: arn: "arn:aws:sns:eu-west-1:111122223333:audit"
	queues: jobs: arn: "arn:aws:sqs:us-east-1:111122223333:jobs"
	tables: ledger: arn: app.parameters.ledgerArn.ref
	buses: platform: arn: {"Fn::ImportValue": "platform-BusArn"}
	keys: data: arn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	functions: publisher: {
		source: "src"
		access: [
			{publish: app.topics.audit.ref},
			{poll: app.queues.jobs.ref},
			{crud: app.tables.ledger.ref},
			{put: app.buses.platform.ref},
			{decrypt: app.keys.data.ref},
			{encrypt: app.keys.data.ref},
		]
	}
}
`

// TestExistingGrantsAfterTransform: after SAM's transform, the role of a
// function granted access to resources declared by ARN grants on exactly
// those ARNs (another account's topic, another region's queue, a table
// by parameter, a bus by import), and on no ARN in the deploying account.
func TestExistingGrantsAfterTransform(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	specfixture.Sources(t, dir, existingSpec)
	if err := os.WriteFile(filepath.Join(dir, "samgen.cue"), []byte(existingSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, raw := range rolesByMode(t, dir) {
		mode := policyModes[i]
		var roles map[string]struct {
			Pairs []string `json:"pairs"`
		}
		if err := json.Unmarshal(raw, &roles); err != nil {
			t.Fatal(err)
		}
		pairs := roles["PublisherFunctionRole"].Pairs
		for _, want := range []string{
			`sns:Publish "arn:aws:sns:eu-west-1:111122223333:audit"`,
			`sqs:ReceiveMessage "arn:aws:sqs:us-east-1:111122223333:jobs"`,
			`sqs:DeleteMessage "arn:aws:sqs:us-east-1:111122223333:jobs"`,
			`dynamodb:PutItem {"Ref": "LedgerArn"}`,
			`dynamodb:Query {"Fn::Join": ["", [{"Ref": "LedgerArn"}, "/index/*"]]}`,
			`events:PutEvents {"Fn::ImportValue": "platform-BusArn"}`,
			`kms:Decrypt "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"`,
			`kms:Encrypt "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"`,
		} {
			if !slices.Contains(pairs, want) {
				t.Errorf("%s mode: the role does not grant %s; it grants:\n%s", mode, want, strings.Join(pairs, "\n"))
			}
		}
		for _, p := range pairs {
			if strings.Contains(p, "AWS::AccountId") && !strings.HasPrefix(p, "logs:") {
				t.Errorf("%s mode: the role grants on a resource of the deploying account: %s", mode, p)
			}
		}
	}
}
