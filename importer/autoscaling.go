package importer

import (
	"regexp"
	"slices"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// concurrencyScaling returns the scalable target and the target tracking
// policy (or "" for none) of function d's provisioned concurrency, when
// the template has them as render writes them for the function's
// autoscaling (render's concurrencyScaling): on its alias, after it.
func (im *importer) concurrencyScaling(d *decl) (target, policy string, ok bool) {
	alias, _ := d.res.Properties["AutoPublishAlias"].(string)
	if alias == "" {
		return "", "", false
	}
	target = d.id + "ConcurrencyTarget"
	t, ok := im.res[target]
	p := t.Properties
	if !ok || t.Type != "AWS::ApplicationAutoScaling::ScalableTarget" || !bare(t, d.res.Condition, schema.AliasID(d.id, alias)) ||
		!onlyKeys(p, "MinCapacity", "MaxCapacity", "ResourceId", "ScalableDimension", "ServiceNamespace", "ScheduledActions") ||
		canon(p["ResourceId"]) != canon(cfn.Sub("function:${"+d.id+"}:"+alias)) ||
		p["ScalableDimension"] != "lambda:function:ProvisionedConcurrency" || p["ServiceNamespace"] != "lambda" {
		return "", "", false
	}
	policy = d.id + "ConcurrencyPolicy"
	if r, ok := im.res[policy]; !ok {
		policy = ""
	} else if _, ok := utilization(r, target, d); !ok {
		return "", "", false
	}
	return target, policy, true
}

// utilization reads the target value of a target tracking policy on the
// utilisation of the provisioned concurrency of target, as render writes
// it.
func utilization(r cfn.Resource, target string, d *decl) (any, bool) {
	p := r.Properties
	c, _ := p["TargetTrackingScalingPolicyConfiguration"].(map[string]any)
	metric, _ := c["PredefinedMetricSpecification"].(map[string]any)
	v, isNum := number(c["TargetValue"])
	if r.Type != "AWS::ApplicationAutoScaling::ScalingPolicy" || !bare(r, d.res.Condition) ||
		!onlyKeys(p, "PolicyName", "PolicyType", "ScalingTargetId", "TargetTrackingScalingPolicyConfiguration") ||
		canon(p["PolicyName"]) != canon(cfn.Sub("${"+d.id+"}-utilization")) || p["PolicyType"] != "TargetTrackingScaling" ||
		canon(p["ScalingTargetId"]) != canon(cfn.Ref(target)) || !isNum || len(c) != 2 ||
		len(metric) != 1 || metric["PredefinedMetricType"] != "LambdaProvisionedConcurrencyUtilization" {
		return nil, false
	}
	return v, true
}

var scalingScheduleRe = regexp.MustCompile(`^(rate|cron|at)\(.+\)$`)

// autoscaling writes function d's autoscaling from the scalable target and
// policy it absorbed (concurrencyScaling).
func (im *importer) autoscaling(d *decl) {
	target, policy, ok := im.concurrencyScaling(d)
	if !ok || !slices.Contains(d.absorbs, target) || (policy != "" && !slices.Contains(d.absorbs, policy)) {
		return
	}
	p := im.res[target].Properties
	o := newObj().set("min", intOrValue(im, p["MinCapacity"])).set("max", intOrValue(im, p["MaxCapacity"]))
	if policy != "" {
		v, _ := utilization(im.res[policy], target, d)
		o.set("utilization", v)
	}
	if v, ok := p["ScheduledActions"]; ok {
		s, ok := scalingSchedules(im, v)
		if !ok {
			return
		}
		o.set("schedules", s)
	}
	d.spec.set("autoscaling", o)
}

// scalingSchedules reads a scalable target's ScheduledActions, sorted by
// name as render writes them.
func scalingSchedules(im *importer, v any) (*obj, bool) {
	out := newObj()
	var names []string
	for _, e := range cfn.List(v) {
		m, _ := e.(map[string]any)
		name, _ := m["ScheduledActionName"].(string)
		expr, _ := m["Schedule"].(string)
		t, _ := m["ScalableTargetAction"].(map[string]any)
		if !ident(name) || !scalingScheduleRe.MatchString(expr) || !onlyKeys(m, "ScheduledActionName", "Schedule", "ScalableTargetAction", "Timezone") ||
			!onlyKeys(t, "MinCapacity", "MaxCapacity") {
			return nil, false
		}
		s := newObj().set("expression", expr)
		if tz, ok := m["Timezone"]; ok {
			z, isStr := tz.(string)
			if !isStr || z == "" {
				return nil, false
			}
			s.set("timezone", z)
		}
		for _, k := range []struct{ prop, field string }{{"MinCapacity", "min"}, {"MaxCapacity", "max"}} {
			if x, ok := t[k.prop]; ok {
				s.set(k.field, intOrValue(im, x))
			}
		}
		names = append(names, name)
		out.set(name, s)
	}
	if len(names) == 0 || !strictlySorted(names) {
		return nil, false
	}
	return out, true
}
