package importer

import (
	"strings"
	"testing"

	"samgen.dev/samgen/internal/exampletest"
)

// TestImportMalformedIntrinsics imports templates whose intrinsics are
// malformed where the importer reads them back (an API's document, a
// state machine's Policies): never a panic, and what cannot be read stays
// as the template has it.
func TestImportMalformedIntrinsics(t *testing.T) {
	for name, body := range map[string]string{
		"empty sub":    "title: !Sub []",
		"one-part sub": "title: !Sub [x]",
		"sub of a map": "title: !Sub {a: b}",
		"odd getatt":   "title: !GetAtt [OnlyOne]",
		"uri sub list": "paths: {/x: {get: {x-amazon-apigateway-integration: {type: aws, uri: !Sub [], credentials: !GetAtt [ShopApiIntegrationsRole, Arn]}}}}",
	} {
		t.Run(name, func(t *testing.T) {
			src := "Transform: AWS::Serverless-2016-10-31\nResources:\n  ShopApi:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      DefinitionBody: {openapi: 3.0.1, " + strings.TrimSpace(body) + "}\n"
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("Import panicked: %v", r)
				}
			}()
			Import([]byte(src), Options{Dir: t.TempDir(), Now: exampletest.Today, Loader: exampletest.Loader(t)})
		})
	}
}
