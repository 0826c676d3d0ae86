package checks

import (
	"fmt"
	"strconv"
	"strings"

	"samgen.dev/samgen/schema"
)

// The rules of the Lambda features a function opts into (SnapStart,
// function URLs, tenant isolation, Managed Instances, autoscaled
// provisioned concurrency, inline code, file systems, runtime management):
// what Lambda or SAM's translator rejects at deploy time, checked before.

// snapStartRuntime: SnapStart supports Java 11 and later, Python 3.12 and
// later and .NET 8 and later, on zip functions only.
// https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html#snapstart-runtimes
// (cfn-lint E2530 checks the same runtimes.)
func snapStartRuntime(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if !fn.SnapStart {
			return
		}
		if !fn.Image.IsZero() {
			c.Report(path+".snapStart", "function %s is packaged as an image: SnapStart supports .zip functions only", name)
			return
		}
		e, _ := c.effective(name)
		if e.Runtime != "" && !snapStartRuntimes(e.Runtime) {
			c.Report(path+".snapStart", "SnapStart supports Java 11+, Python 3.12+ and .NET 8+, not runtime %s of function %s", e.Runtime, name)
		}
	})
}

// snapStartRuntimes reports whether SnapStart supports runtime rt.
func snapStartRuntimes(rt string) bool {
	atLeast := func(prefix string, min int) bool {
		v, ok := strings.CutPrefix(rt, prefix)
		if !ok {
			return false
		}
		v, _, _ = strings.Cut(v, ".") // java8.al2
		n, err := strconv.Atoi(v)
		return err == nil && n >= min
	}
	return atLeast("java", 11) || atLeast("python3.", 12) || atLeast("dotnet", 8)
}

// snapStartExclusions: Lambda rejects SnapStart together with provisioned
// concurrency, an EFS file system, or ephemeral storage over 512 MB, and
// SAM's translator with tenant isolation.
// https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html#snapstart-runtimes
// (Supported features and limitations.)
func snapStartExclusions(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if !fn.SnapStart {
			return
		}
		e, from := c.effective(name)
		if !fn.ProvisionedConcurrency.IsZero() {
			c.Report(path+".provisionedConcurrency", "function %s uses SnapStart, which Lambda does not combine with provisioned concurrency", name)
		}
		if fn.Autoscaling != nil {
			c.Report(path+".autoscaling", "function %s uses SnapStart, which Lambda does not combine with provisioned concurrency (autoscaling provisions it)", name)
		}
		if fn.FileSystem != nil {
			c.Report(path+".fileSystem", "function %s uses SnapStart, which Lambda does not combine with an EFS file system", name)
		}
		if mb, ok := e.EphemeralStorage.Int(); ok && mb > 512 {
			c.Report(from("ephemeralStorage"), "function %s uses SnapStart, which supports at most 512 MB of ephemeral storage, not %d", name, mb)
		}
	})
}

// urlAuth: a function URL with auth NONE can be invoked by anyone on the
// internet; samgen renders it only with `public` saying why (SAM adds the
// permission for everyone, lambda:FunctionUrlAuthType NONE).
// https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
func urlAuth(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		u := fn.URL
		if u == nil {
			return
		}
		switch {
		case u.Auth == "NONE":
			c.Report(path+".url.auth", "function URL of %s has auth NONE: anyone can invoke it; say why in url.public, or use AWS_IAM", name)
			if u.Public != "" {
				// Acknowledged, as a wildcard is: vet shows the reason.
				c.diags[len(c.diags)-1].Silenced = u.Public
			}
		case u.Public != "":
			c.Report(path+".url.public", "url.public acknowledges a URL without authentication, but the URL of %s has auth %s", name, u.Auth)
		}
	})
}

// tenancyExclusions: SAM's translator rejects tenant isolation together
// with provisioned concurrency, a function URL, SnapStart, and event
// sources other than Api and HttpApi
// (samtranslator/model/sam_resources.py, _validate_tenancy_config_compatibility).
func tenancyExclusions(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if fn.Tenancy == "" {
			return
		}
		for _, x := range []struct {
			field, what string
			set         bool
		}{
			{"provisionedConcurrency", "provisioned concurrency", !fn.ProvisionedConcurrency.IsZero()},
			{"autoscaling", "provisioned concurrency (autoscaling provisions it)", fn.Autoscaling != nil},
			{"url", "a function URL", fn.URL != nil},
			{"snapStart", "SnapStart", fn.SnapStart},
		} {
			if x.set {
				c.Report(path+"."+x.field, "function %s isolates tenants, which Lambda does not combine with %s", name, x.what)
			}
		}
		for _, ev := range sortedKeys(fn.Events) {
			t, _, ok := fn.Events[ev].Type()
			if ok && t.Name != "api" && t.Name != "httpApi" {
				c.Report(path+".events."+schema.Label(ev)+"."+t.Name, "function %s isolates tenants: only api and httpApi events can invoke it, not %s", name, t.Name)
			}
		}
	})
}

// managedInstances: SAM's translator rejects a capacity provider together
// with a VPC configuration (the capacity provider's own VPC is used) or
// provisioned concurrency (samtranslator/model/sam_resources.py,
// MUTUALLY_EXCLUSIVE rules); the environments' minimum cannot exceed their
// maximum (FunctionScalingConfig).
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html
func managedInstances(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		cp := fn.CapacityProvider
		if cp == nil {
			return
		}
		e, from := c.effective(name)
		if e.VPC != nil {
			c.Report(from("vpc"), "function %s runs on a capacity provider, which sets its VPC: it takes no vpc", name)
		}
		if !fn.ProvisionedConcurrency.IsZero() {
			c.Report(path+".provisionedConcurrency", "function %s runs on a capacity provider, which Lambda does not combine with provisioned concurrency", name)
		}
		if fn.Autoscaling != nil {
			c.Report(path+".autoscaling", "function %s runs on a capacity provider, which Lambda does not combine with provisioned concurrency (autoscaling provisions it)", name)
		}
		lo, ok1 := cp.MinEnvironments.Int()
		hi, ok2 := cp.MaxEnvironments.Int()
		if ok1 && ok2 && lo > hi {
			c.Report(path+".capacityProvider.minEnvironments", "minEnvironments %d of function %s exceeds its maxEnvironments %d", lo, name, hi)
		}
	})
}

// concurrencyScaling: Application Auto Scaling takes a minimum no greater
// than the maximum, on the target and on each scheduled action, and
// Lambda cannot provision more than the reserved concurrency.
// https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
func concurrencyScaling(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		as := fn.Autoscaling
		if as == nil {
			return
		}
		p := path + ".autoscaling"
		lo, ok1 := as.Min.Int()
		hi, ok2 := as.Max.Int()
		if ok1 && ok2 && lo > hi {
			c.Report(p+".min", "autoscaling min %d of function %s exceeds its max %d", lo, name, hi)
		}
		r, okR := fn.ReservedConcurrency.Int()
		if ok2 && okR && hi > r {
			c.Report(p+".max", "autoscaling max %d of function %s exceeds its reserved concurrency %d", hi, name, r)
		}
		for _, s := range sortedKeys(as.Schedules) {
			sc := as.Schedules[s]
			sp := p + ".schedules." + schema.Label(s)
			lo, ok1 := sc.Min.Int()
			hi, ok2 := sc.Max.Int()
			if ok1 && ok2 && lo > hi {
				c.Report(sp+".min", "schedule %s of function %s: min %d exceeds max %d", s, name, lo, hi)
			}
			if ok2 && okR && hi > r {
				c.Report(sp+".max", "schedule %s of function %s: max %d exceeds the reserved concurrency %d", s, name, hi, r)
			}
		}
	})
}

// inlineCode: CloudFormation writes inline code to index.js or index.py,
// so it takes Node.js and Python runtimes only (cfn-lint E3677), and SAM's
// translator takes either InlineCode or CodeUri.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-code.html
func inlineCode(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if fn.InlineCode == "" {
			return
		}
		if fn.Source != "" || !fn.Image.IsZero() {
			c.Report(path+".inlineCode", "function %s has inline code and a source or image: give one", name)
			return
		}
		e, _ := c.effective(name)
		if rt := e.Runtime; rt != "" && !strings.HasPrefix(rt, "nodejs") && !strings.HasPrefix(rt, "python") {
			c.Report(path+".inlineCode", "inline code runs on Node.js and Python runtimes only, not %s of function %s", rt, name)
		}
	})
}

// fileSystemVPC: Lambda reaches an EFS file system through its mount
// targets, in a VPC: a function mounting one needs a VPC configuration.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-filesystem.html
func fileSystemVPC(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if fn.FileSystem == nil || fn.CapacityProvider != nil {
			return
		}
		if e, _ := c.effective(name); e.VPC == nil {
			c.Report(path+".fileSystem", "function %s mounts an EFS file system and needs a vpc (here or in defaults.function) that reaches its mount targets", name)
		}
	})
}

// runtimeManagement: a runtime version ARN is given with updateOn Manual,
// and only then.
// https://docs.aws.amazon.com/lambda/latest/api/API_PutRuntimeManagementConfig.html
func runtimeManagement(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		m := fn.RuntimeManagement
		if m == nil {
			return
		}
		switch {
		case m.UpdateOn == "Manual" && m.RuntimeVersion.IsZero():
			c.Report(path+".runtimeManagement.updateOn", "updateOn Manual of function %s needs the runtimeVersion to keep", name)
		case m.UpdateOn != "Manual" && !m.RuntimeVersion.IsZero():
			c.Report(path+".runtimeManagement.runtimeVersion", "runtimeVersion of function %s is kept with updateOn Manual only, not %s", name, m.UpdateOn)
		}
	})
}

// imageConfig: the command, entry point and working directory are those
// of a container image; SAM's translator rejects ImageConfig with
// PackageType Zip (samtranslator/model/sam_resources.py, _validate_package_type).
func imageConfig(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if fn.ImageConfig != nil && fn.Image.IsZero() {
			c.Report(path+".imageConfig", "function %s is not packaged as an image and takes no imageConfig", name)
		}
	})
}

// versionOptions: SAM publishes versions only for a function with an
// alias (AutoPublishAlias): it rejects VersionDeletionPolicy without one
// (a CONDITIONAL_REQUIREMENT of samtranslator/model/sam_resources.py) and
// ignores a version description, a code hash and publishing on every
// property change.
func versionOptions(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		if schema.FunctionAlias(fn) != "" {
			return
		}
		for _, x := range []struct {
			field string
			set   bool
		}{
			{"versionDescription", !fn.VersionDescription.IsZero()},
			{"versionDeletionPolicy", fn.VersionDeletionPolicy != ""},
			{"codeSha256", !fn.CodeSha256.IsZero()},
			{"publishAllProperties", fn.PublishAllProperties},
		} {
			if x.set {
				c.Report(path+"."+x.field, "function %s publishes no versions, so %s does nothing: set alias", name, x.field)
			}
		}
	})
}

// codeDeployHookPrefix is the name a deployment hook needs for the role
// SAM gives CodeDeploy: AWSCodeDeployRoleForLambda allows
// lambda:InvokeFunction on arn:aws:lambda:*:*:function:CodeDeployHook_*
// only.
const codeDeployHookPrefix = "CodeDeployHook_"

// deploymentHooks: with the role SAM generates, each hook of a gradual
// deployment is a function named CodeDeployHook_... (SG123); CodeDeploy
// could not invoke another, and the deployment, and the stack update with
// it, would fail.
func deploymentHooks(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		d := fn.Deployment
		if d == nil || !d.Role.IsZero() {
			return
		}
		for _, h := range []struct {
			field string
			ref   *schema.Ref
		}{{"preTraffic", d.PreTraffic}, {"postTraffic", d.PostTraffic}} {
			if h.ref == nil {
				continue
			}
			hook, ok := c.App.Functions[h.ref.Name]
			if !ok {
				continue
			}
			var hookName string
			switch arn, isArn := hook.Arn.Str(); {
			case isArn:
				hookName = arn[strings.LastIndex(arn, ":")+1:]
			case hook.Name.IsZero():
				hookName = ""
			default:
				if hookName, ok = hook.Name.Str(); !ok {
					continue // an expression: known at deploy time
				}
			}
			if !strings.HasPrefix(hookName, codeDeployHookPrefix) {
				named := "has no name (CloudFormation generates one)"
				if hookName != "" {
					named = fmt.Sprintf("is named %s", hookName)
				}
				c.Report(path+".deployment."+h.field, "hook %s %s; the role SAM gives CodeDeploy invokes only functions named %s...: name it so, or give deployment a role that may invoke it", h.ref.Name, named, codeDeployHookPrefix)
			}
		}
	})
}
