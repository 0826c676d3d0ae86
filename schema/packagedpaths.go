package schema

import (
	"slices"
	"strings"
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

// LocalPath is a property of a raw resource that names a local path
// `sam package` uploads: Prop dotted where nested ("Command.ScriptLocation").
type LocalPath struct {
	Prop, Path string
}

// LocalPaths returns the string values of r's properties that sam package
// reads as local paths (packagedPaths), URIs included: an object ({Bucket,
// Key}, an intrinsic, a reference) names none. sam package exports zip
// artifacts only, so an image function (PackageType Image) has none, nor
// does one with InlineCode (resource_not_packageable).
func (r RawResource) LocalPaths() []LocalPath {
	props, ok := packagedPaths[r.Type]
	if !ok || r.Properties["PackageType"] == "Image" || r.Properties["InlineCode"] != nil {
		return nil
	}
	var out []LocalPath
	for _, prop := range slices.Sorted(slices.Values(props)) {
		if p, ok := propertyString(r.Properties, prop); ok {
			out = append(out, LocalPath{prop, p})
		}
	}
	return out
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
