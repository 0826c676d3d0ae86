package policies

import (
	"fmt"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// featureGrants returns what a function's own features need from its role
// and SAM does not grant: decrypting its environment variables with its
// key, mounting its file system through its access point, and, for a
// function that is another's deployment hook, reporting the hook's result
// and invoking the versions it tests.
func featureGrants(a *schema.App, f schema.Function) ([]Sourced, []error) {
	var out []Sourced
	var errs []error
	resolve := func(path string, v schema.Value) any {
		r, err := a.ResolveValue(v, schema.AttrArn)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", path, err))
		}
		return r
	}
	if !f.KmsKey.IsZero() {
		// Lambda decrypts a function's environment variables with the
		// function's role when the key is a customer managed one.
		// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
		out = append(out, Sourced{"kmsKey", Policy{Statement: Allow([]string{"kms:Decrypt"}, resolve("kmsKey", f.KmsKey))}})
	}
	if fs := f.FileSystem; fs != nil {
		// The file system's IAM authorisation, scoped to the access point
		// the function mounts (as SAM's EFSWriteAccessPolicy does).
		// https://docs.aws.amazon.com/lambda/latest/dg/configuration-filesystem.html
		actions := []string{"elasticfilesystem:ClientMount"}
		if !fs.ReadOnly {
			actions = append(actions, "elasticfilesystem:ClientWrite")
		}
		st := Allow(actions, resolve("fileSystem.fileSystem", fs.FileSystem))
		st.Condition = map[string]any{"StringEquals": map[string]any{"elasticfilesystem:AccessPointArn": resolve("fileSystem.accessPoint", fs.AccessPoint)}}
		out = append(out, Sourced{"fileSystem", Policy{Statement: st}})
	}
	for _, h := range a.HooksOf(f.Ref.Name) {
		id := schema.LogicalID(a.Functions[h.Tested].Ref)
		src := "hook of functions." + schema.Label(h.Tested) + ".deployment." + h.Field
		// A hook reports to the deployment group of the function it
		// tests, and invokes that function's new version.
		// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html
		out = append(out,
			Sourced{src, Policy{Statement: Allow([]string{"codedeploy:PutLifecycleEventHookExecutionStatus"},
				cfn.Sub("arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:${"+schema.DeploymentApplicationID+"}/${"+id+"DeploymentGroup}"))}},
			Sourced{src, Policy{Statement: Allow([]string{"lambda:InvokeFunction"}, cfn.Sub("${"+id+".Arn}:*"))}})
	}
	return out, errs
}
