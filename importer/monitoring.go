package importer

import (
	"slices"

	"samgen.dev/samgen/schema"
)

// logGroup maps an AWS::Logs::LogGroup that no function or state machine
// takes as its own (render/loggroups.go).
func (im *importer) logGroup(d *decl, p *bag) {
	im.nameField(d, p, "LogGroupName")
	im.intOpt(d.spec, p, "retention", "RetentionInDays")
	if v, ok := p.peek("LogGroupClass"); ok && (v == "STANDARD" || v == "INFREQUENT_ACCESS") {
		p.take("LogGroupClass")
		d.spec.set("class", v)
	}
	im.tagsField(d, p)
}

// alarmNamespaces are the metrics an alarm watches, by namespace: the
// dimension and the kind it names (render/alarms.go).
var alarmNamespaces = map[string]struct{ dimension, kind, field string }{
	"AWS/SQS":    {"QueueName", "queue", "queue"},
	"AWS/Lambda": {"FunctionName", "function", "function"},
}

// alarm maps an AWS::CloudWatch::Alarm on the metric of one declared
// queue or function; any other alarm is a raw resource.
func (im *importer) alarm(d *decl, p *bag) {
	ns, _ := p.peek("Namespace")
	nsName, _ := ns.(string)
	a, ok := alarmNamespaces[nsName]
	if !ok {
		im.demote(d, "samgen's alarms watch the metrics of a queue (AWS/SQS) or a function (AWS/Lambda)")
		return
	}
	dims, _ := p.peek("Dimensions")
	l, _ := dims.([]any)
	dim := mapOf(firstOf(l))
	attr := schema.AttrName
	target, found := im.refOf(dim["Value"], a.kind, attr)
	if len(l) != 1 || len(dim) != 2 || dim["Name"] != a.dimension || !found {
		im.demote(d, "samgen's alarms watch one declared "+a.kind+", by its "+a.dimension)
		return
	}
	metric, isStr := p.peek("MetricName")
	if _, ok := metric.(string); !isStr || !ok {
		im.demote(d, "samgen's alarms watch a metric named by MetricName")
		return
	}
	for _, f := range []struct {
		key     string
		allowed []any
	}{
		{"Statistic", []any{"Maximum", "Minimum", "Average", "Sum", "SampleCount"}},
		{"ComparisonOperator", []any{"GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"}},
		{"TreatMissingData", []any{"notBreaching", "breaching", "ignore", "missing"}},
	} {
		v, has := p.peek(f.key)
		if !has && f.key == "TreatMissingData" {
			continue
		}
		if !slices.Contains(f.allowed, v) {
			im.demote(d, "samgen's alarms take "+f.key+" as one of its literal values")
			return
		}
	}
	ints := map[string]int64{}
	for _, k := range []string{"Period", "EvaluationPeriods", "DatapointsToAlarm"} {
		v, has := p.peek(k)
		n, ok := intOf(v)
		if has && (!ok || n < 1 || k == "Period" && n < 10) {
			im.demote(d, "samgen's alarms take "+k+" as a literal number")
			return
		}
		ints[k] = n
	}
	if ints["Period"] == 0 || ints["EvaluationPeriods"] == 0 || !p.has("Threshold") {
		im.demote(d, "samgen's alarms have a Period, EvaluationPeriods and a Threshold")
		return
	}
	o := d.spec
	im.nameField(d, p, "AlarmName")
	if v, ok := p.take("AlarmDescription"); ok {
		o.set("description", im.value(v, ""))
	}
	p.take("Namespace")
	p.take("Dimensions")
	p.take("MetricName")
	o.set(a.field, target.ref()).set("metric", metric)
	for _, f := range []struct{ key, field string }{{"Statistic", "statistic"}, {"Period", "period"}, {"EvaluationPeriods", "evaluationPeriods"}, {"DatapointsToAlarm", "datapointsToAlarm"}} {
		if v, ok := p.take(f.key); ok {
			o.set(f.field, intOrValue(im, v))
		}
	}
	th, _ := p.take("Threshold")
	if n, ok := number(th); ok {
		o.set("threshold", n)
	} else {
		o.set("threshold", im.value(th, ""))
	}
	cmp, _ := p.take("ComparisonOperator")
	o.set("comparison", cmp)
	if v, ok := p.take("TreatMissingData"); ok {
		o.set("treatMissingData", v)
	} else {
		// CloudWatch's default for an alarm without TreatMissingData.
		im.keep(d, "treatMissingData", "missing", "missing data treated as not breaching (TreatMissingData: notBreaching)",
			"the template sets no TreatMissingData: CloudWatch's default, missing, applies (samgen's is notBreaching; `samgen import --adopt-defaults` takes it)")
	}
	for _, f := range []struct{ key, field string }{{"AlarmActions", "actions"}, {"OKActions", "okActions"}} {
		v, _ := p.peek(f.key)
		l, _ := v.([]any)
		var refs []any
		for _, t := range l {
			td, ok := im.refOf(t, "topic", schema.AttrArn)
			if !ok {
				refs = nil
				break
			}
			refs = append(refs, td.ref())
		}
		if len(refs) > 0 {
			p.take(f.key)
			o.set(f.field, refs)
		}
	}
}

func firstOf(l []any) any {
	if len(l) == 0 {
		return nil
	}
	return l[0]
}

// capacityProvider maps an AWS::Serverless::CapacityProvider
// (render/capacityproviders.go).
func (im *importer) capacityProvider(d *decl, p *bag) {
	o := d.spec
	im.nameField(d, p, "CapacityProviderName")
	if v, ok := p.peek("VpcConfig"); ok {
		if m, ok := v.(map[string]any); ok && len(m) == 2 && m["SubnetIds"] != nil && m["SecurityGroupIds"] != nil {
			subnets, _ := p.take("VpcConfig", "SubnetIds")
			groups, _ := p.take("VpcConfig", "SecurityGroupIds")
			o.set("vpc", newObj().set("subnets", im.list(subnets)).set("securityGroups", im.list(groups)))
		}
	}
	if v, ok := p.peek("InstanceRequirements", "Architectures"); ok {
		if l, _ := v.([]any); len(l) == 1 && (l[0] == "x86_64" || l[0] == "arm64") {
			p.take("InstanceRequirements", "Architectures")
			o.set("architecture", l[0])
		}
	}
	for _, f := range []struct{ key, field string }{{"AllowedTypes", "allowedTypes"}, {"ExcludedTypes", "excludedTypes"}} {
		if v, ok := p.peek("InstanceRequirements", f.key); ok {
			if l, ok := stringList(v); ok && len(l) > 0 {
				p.take("InstanceRequirements", f.key)
				o.set(f.field, l)
			}
		}
	}
	im.intOpt(o, p, "maxVCpu", "ScalingConfig", "MaxVCpuCount")
	if v, ok := p.take("ScalingConfig", "AverageCPUUtilization"); ok {
		if n, ok := number(v); ok {
			o.set("targetCpu", n)
		} else {
			o.set("targetCpu", im.value(v, ""))
		}
	}
	for _, k := range []string{"InstanceRequirements", "ScalingConfig"} {
		if v, ok := p.peek(k); ok && len(mapOf(v)) == 0 {
			p.take(k)
		}
	}
	if v, ok := p.take("KmsKeyArn"); ok {
		o.set("kmsKey", im.value(v, schema.AttrArn))
	}
	if v, ok := p.take("OperatorRole"); ok {
		o.set("operatorRole", im.value(v, schema.AttrArn))
	}
	im.samTagsField(o, p)
}
