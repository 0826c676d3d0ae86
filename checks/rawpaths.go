package checks

import (
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/schema"
)

// packagedPaths maps each CloudFormation type whose properties `sam
// package` (and so `sam deploy`) reads as local paths to those properties,
// dotted where nested: aws-sam-cli samcli/lib/utils/resources.py,
// RESOURCES_WITH_LOCAL_PATHS, which samcli/lib/package/packageable_resources.py
// (RESOURCES_EXPORT_LIST) and artifact_exporter.py (the nested stacks:
// CloudFormationStackResource, CloudFormationStackSetResource,
// ServerlessApplicationResource) export. A string value that is not an S3
// URI is made absolute against the template's directory and uploaded; when
// nothing is there, packaging fails (InvalidLocalPathError,
// InvalidTemplateUrlParameterError). AWS::Serverless::GraphQLApi is left
// out: its code paths are inside its resolvers and functions.
var packagedPaths = map[string][]string{
	"AWS::ApiGateway::RestApi":                  {"BodyS3Location"},
	"AWS::ApiGatewayV2::Api":                    {"BodyS3Location"},
	"AWS::AppSync::FunctionConfiguration":       {"CodeS3Location", "RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"},
	"AWS::AppSync::GraphQLSchema":               {"DefinitionS3Location"},
	"AWS::AppSync::Resolver":                    {"CodeS3Location", "RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location"},
	"AWS::CloudFormation::ModuleVersion":        {"ModulePackage"},
	"AWS::CloudFormation::ResourceVersion":      {"SchemaHandlerPackage"},
	"AWS::CloudFormation::Stack":                {"TemplateURL"},
	"AWS::CloudFormation::StackSet":             {"TemplateURL"},
	"AWS::ElasticBeanstalk::ApplicationVersion": {"SourceBundle"},
	"AWS::Glue::Job":                            {"Command.ScriptLocation"},
	"AWS::Lambda::Function":                     {"Code"},
	"AWS::Lambda::LayerVersion":                 {"Content"},
	"AWS::Serverless::Api":                      {"DefinitionUri"},
	"AWS::Serverless::Application":              {"Location"},
	"AWS::Serverless::Function":                 {"CodeUri"},
	"AWS::Serverless::HttpApi":                  {"DefinitionUri"},
	"AWS::Serverless::LayerVersion":             {"ContentUri"},
	"AWS::Serverless::StateMachine":             {"DefinitionUri"},
	"AWS::StepFunctions::StateMachine":          {"DefinitionS3Location"},
}

// rawLocalPaths reports a local path of a raw resource that is not on
// disk, at the property's value. An object ({Bucket, Key}, an intrinsic, a
// reference) and a URI name no local file. sam package exports zip
// artifacts only: an image function (PackageType Image) is left alone, as
// is one with InlineCode (resource_not_packageable).
func rawLocalPaths(c *Context) {
	for _, name := range slices.Sorted(maps.Keys(c.App.Resources)) {
		r := c.App.Resources[name]
		props, ok := packagedPaths[r.Type]
		if !ok || r.Properties["PackageType"] == "Image" || r.Properties["InlineCode"] != nil {
			continue
		}
		at := "resources." + schema.Label(name)
		for _, prop := range props {
			p, ok := propertyString(r.Properties, prop)
			if !ok {
				continue
			}
			path := at + ".properties"
			for _, k := range strings.Split(prop, ".") {
				path += "." + schema.Label(k)
			}
			if !c.Inst.Has(path) {
				path = at
			}
			c.missingFile(path, "resource "+name+" "+prop, p)
		}
	}
}

// propertyString returns the string at the dotted path prop of props.
func propertyString(props map[string]any, prop string) (string, bool) {
	var v any = props
	for _, k := range strings.Split(prop, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return "", false
		}
		v = m[k]
	}
	s, ok := v.(string)
	return s, ok
}
