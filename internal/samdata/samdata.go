// Package samdata holds reference data of AWS SAM (the Serverless
// Application Model), vendored from its repository at a pinned release so
// the build and the tests read the same bytes on every machine; SOURCE.md
// says where each file comes from.
//
// Only the catalogue generator and tests import it: samgen itself compiles
// in what it needs (policies/catalog_gen.go), so the files do not weigh on
// the binary.
package samdata

import _ "embed"

// The files are kept as strings and handed out as fresh byte slices, so
// that no caller can change what another one reads.
var (
	//go:embed policy_templates.json
	policyTemplates string
	//go:embed sam.schema.json
	schema string
	//go:embed connector_profiles.json
	connectorProfiles string
)

// PolicyTemplates returns SAM's policy_templates.json: the policy templates
// (`Templates.<Name>.Parameters`, `Templates.<Name>.Definition`) that a
// function's Policies can name.
func PolicyTemplates() []byte { return []byte(policyTemplates) }

// Schema returns SAM's sam.schema.json: the JSON schema (draft-04) of the
// AWS::Serverless::* resources and their properties, with their docs.
func Schema() []byte { return []byte(schema) }

// ConnectorProfiles returns SAM's connector profiles: for each source and
// destination resource type of an AWS::Serverless::Connector, the IAM
// statements or resource policies it generates.
func ConnectorProfiles() []byte { return []byte(connectorProfiles) }
