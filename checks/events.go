package checks

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"samgen.dev/samgen/internal/didyoumean"
	"samgen.dev/samgen/schema"
)

func sqsBatch(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].SQS
			if s == nil {
				continue
			}
			p := path + ".events." + ev + ".sqs"
			size, ok := s.BatchSize.Int()
			if !ok {
				continue // unset, or known at deploy time only (SG025)
			}
			window, literal := s.BatchWindow.Int()
			if c.App.Fifo(s.Queue) && size > 10 {
				c.Report(p+".batchSize", "batch size %d is over 10, the maximum for FIFO queue %s", size, s.Queue.Name)
			} else if size > 10 && (s.BatchWindow.IsZero() || literal && window < 1) {
				c.Report(p+".batchSize", "batch size %d is over 10 and needs a batchWindow of at least 1 second", size)
			}
		}
	})
}

func sqsVisibility(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		e, _ := c.effective(name)
		timeout := 3
		if !e.Timeout.IsZero() {
			t, ok := e.Timeout.Int()
			if !ok {
				return // known at deploy time only (SG025)
			}
			timeout = t
		}
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].SQS
			if s == nil {
				continue
			}
			q, ok := c.App.Queues[s.Queue.Name]
			if !ok || q.Exists() {
				continue
			}
			if v, ok := q.VisibilityTimeout.Int(); ok && v < timeout {
				c.Report("queues."+s.Queue.Name+".visibilityTimeout", "visibility timeout %ds of queue %s is shorter than the %ds timeout of function %s, which consumes it", v, s.Queue.Name, timeout, name)
			}
		}
	})
}

func filters(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			t, opts, _ := e.Type()
			if f, ok := opts.(schema.Filtered); ok && len(f.FilterList()) > 5 {
				c.Report(path+".events."+ev+"."+t.Name+".filters", "%d filters; an event source takes at most 5", len(f.FilterList()))
			}
		}
	})
}

func streams(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			p := path + ".events." + ev
			if d := e.DynamoDB; d != nil {
				t := c.App.Tables[d.Table.Name]
				if !t.Exists() && t.Stream == "" {
					c.Report(p+".dynamodb.table", "table %s has no stream; set its `stream` view to consume it", d.Table.Name)
				}
				if t.Exists() && t.StreamArn.IsZero() {
					c.Report(p+".dynamodb.table", "existing table %s declares no streamArn to consume", d.Table.Name)
				}
			}
			if k := e.Kinesis; k != nil && k.StartingPosition == "AT_TIMESTAMP" && k.StartingTimestamp.IsZero() {
				c.Report(p+".kinesis.startingPosition", "AT_TIMESTAMP needs startingTimestamp")
			}
		}
	})
}

func eventTargets(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			e := fn.Events[ev]
			p := path + ".events." + ev
			if t, opts, _ := e.Type(); opts != nil {
				if onFailure := schema.OnFailureOf(opts); onFailure != nil {
					r := *onFailure
					at := p + "." + t.Name + ".onFailure"
					switch k, _ := schema.KindOf(r.Kind); {
					case k.StreamFailure == nil:
						c.Report(at, "an on-failure destination is %s, not a %s", kindList(func(k schema.Kind) bool { return k.StreamFailure != nil }), r.Kind)
					case c.App.Fifo(r):
						c.Report(at, "FIFO %s %s cannot be an on-failure destination", r.Kind, r.Name)
					}
				}
			}
			if k := e.Kinesis; k != nil {
				// The stream takes any value (an ARN, an expression): a
				// reference in it must be a stream's.
				if r, _, ok := k.Stream.Ref(); ok && r.Kind != "stream" {
					c.Report(p+".kinesis.stream", "a kinesis event consumes a stream, not a %s", r.Kind)
				}
			}
			if e.SNS != nil && e.SNS.DeadLetter != nil && c.App.Fifo(*e.SNS.DeadLetter) {
				c.Report(p+".sns.deadLetter", "FIFO queue %s cannot be the dead-letter queue of a standard subscription", e.SNS.DeadLetter.Name)
			}
			if e.EventBridge != nil && e.EventBridge.DeadLetter != nil && c.App.Fifo(*e.EventBridge.DeadLetter) {
				c.Report(p+".eventBridge.deadLetter", "FIFO queue %s cannot be an EventBridge dead-letter queue", e.EventBridge.DeadLetter.Name)
			}
		}
	})
}

func s3Events(c *Context) {
	c.each(func(name string, fn schema.Function, path string) {
		for _, ev := range slices.Sorted(maps.Keys(fn.Events)) {
			s := fn.Events[ev].S3
			if s == nil {
				continue
			}
			if !c.App.Owned(s.Bucket) {
				c.Report(path+".events."+ev+".s3.bucket", "bucket %s belongs to another stack (declared by arn); SAM can only add notifications to a bucket of this template — notify through EventBridge instead", s.Bucket.Name)
			}
		}
	})
}

// s3EventTypes are the event types S3 notifies a function of (S3 User
// Guide, "Supported event types for SQS, SNS, and Lambda"; the Event enum
// of the S3 API). A type ending in ":*" stands for every type of its
// family.
var s3EventTypes = []string{
	"s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
	"s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
	"s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
	"s3:ReducedRedundancyLostObject",
	"s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold", "s3:Replication:OperationNotTracked",
	"s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
	"s3:LifecycleTransition", "s3:IntelligentTiering",
	"s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
	"s3:ObjectAcl:Put",
}

// s3TypesOverlap reports whether two S3 event types name a common event:
// the same type, or a family's ":*" and a type of that family.
func s3TypesOverlap(a, b string) bool {
	family := func(t string) (string, bool) {
		f, kind, ok := strings.Cut(strings.TrimPrefix(t, "s3:"), ":")
		return f, ok && kind == "*"
	}
	fa, wa := family(a)
	fb, wb := family(b)
	return a == b || fa == fb && (wa || wb)
}

// s3Notifications: an s3 event names event types S3 has, and no two
// notifications of one bucket match a common object event (SG364). S3
// rejects the bucket's NotificationConfiguration otherwise ("Configurations
// overlap. Configurations on the same bucket cannot share a common event
// type"; S3 API FilterRule: "Overlapping prefixes and suffixes are not
// supported"): two notifications overlap when their event types do and
// each filter of one may match what the other's does (a prefix of the
// other, or none).
func s3Notifications(c *Context) {
	type notification struct {
		at, function, event, prefix, suffix string
	}
	byBucket := map[string][]notification{}
	c.eachEvent(func(fn string, e schema.Event, path string) {
		s := e.S3
		if s == nil {
			return
		}
		at := path + ".s3"
		if c.Inst.Has(at + ".events") {
			at += ".events"
		}
		prefix, pok := s.Prefix.Str()
		suffix, sok := s.Suffix.Str()
		literal := (pok || s.Prefix.IsZero()) && (sok || s.Suffix.IsZero())
		for i, t := range s.Events {
			if !slices.Contains(s3EventTypes, t) {
				hint := " (s3:ObjectCreated:*, s3:ObjectRemoved:Delete, ...: the S3 User Guide lists them)"
				family := t[:strings.LastIndex(t, ":")+1]
				var kin []string
				for _, k := range s3EventTypes {
					if strings.HasPrefix(k, family) && family != "s3:" {
						kin = append(kin, k)
					}
				}
				if sug := didyoumean.Suggest(t, s3EventTypes); sug != "" {
					hint = "; did you mean " + sug + "?"
				} else if len(kin) > 0 {
					hint = "; its family has " + strings.Join(kin, ", ")
				}
				c.Report(fmt.Sprintf("%s.s3.events[%d]", path, i), "S3 has no event type %s%s", t, hint)
			} else if literal {
				byBucket[s.Bucket.Name] = append(byBucket[s.Bucket.Name], notification{at, fn, t, prefix, suffix})
			}
		}
	})
	for _, bucket := range slices.Sorted(maps.Keys(byBucket)) {
		ns := byBucket[bucket]
		for j, b := range ns {
			for _, a := range ns[:j] {
				if s3TypesOverlap(a.event, b.event) && (strings.HasPrefix(a.prefix, b.prefix) || strings.HasPrefix(b.prefix, a.prefix)) && (strings.HasSuffix(a.suffix, b.suffix) || strings.HasSuffix(b.suffix, a.suffix)) {
					who := fmt.Sprintf("both function %s (%s) and function %s (%s)", a.function, a.event, b.function, b.event)
					if a.function == b.function {
						who = fmt.Sprintf("function %s twice (%s, %s)", a.function, a.event, b.event)
					}
					c.Report(b.at, "bucket %s would notify %s of one object's event; S3 rejects overlapping notifications: tell them apart by prefix, suffix or event type", bucket, who)
					break
				}
			}
		}
	}
}

// kindList names the kinds keep accepts, for a message: "a queue, a topic
// or a bucket".
func kindList(keep func(schema.Kind) bool) string {
	var names []string
	for _, k := range schema.Kinds {
		if keep(k) {
			names = append(names, "a "+k.Name)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// kafkaOf returns the options a Kafka event (MSK or self-managed) shares,
// and the field of its type; nil for another event.
func kafkaOf(e schema.Event) (*schema.KafkaEvent, string) {
	switch {
	case e.MSK != nil:
		return &e.MSK.KafkaEvent, "msk"
	case e.SelfManagedKafka != nil:
		return &e.SelfManagedKafka.KafkaEvent, "selfManagedKafka"
	}
	return nil, ""
}

// kafkaMetrics: an event source mapping publishes KafkaMetrics for Kafka
// sources only (MetricsConfig).
// https://docs.aws.amazon.com/lambda/latest/api/API_EventSourceMappingMetricsConfig.html
func kafkaMetrics(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if k, _ := kafkaOf(e); k != nil {
			return
		}
		t, opts, ok := e.Type()
		if !ok {
			return
		}
		p, ok := opts.(schema.Polled)
		if !ok {
			return
		}
		for i, m := range p.Poller().Metrics {
			if m == "KafkaMetrics" {
				c.Report(fmt.Sprintf("%s.%s.metrics[%d]", path, t.Name, i), "KafkaMetrics are published for MSK and self-managed Kafka sources only, not %s", t.Name)
			}
		}
	})
}

// startingTimestamps: a starting timestamp is where an AT_TIMESTAMP
// mapping starts reading, and AT_TIMESTAMP needs one (Kafka and DocumentDB
// sources; Kinesis is SG304).
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#lambda-CreateEventSourceMapping-request-StartingPositionTimestamp
func startingTimestamps(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		var field, position string
		var stamp schema.Value
		if k, f := kafkaOf(e); k != nil {
			field, position, stamp = f, k.StartingPosition, k.StartingTimestamp
		} else if d := e.DocumentDB; d != nil {
			field, position, stamp = "documentDB", d.StartingPosition, d.StartingTimestamp
		} else {
			return
		}
		p := path + "." + field
		switch {
		case position == "AT_TIMESTAMP" && stamp.IsZero():
			c.Report(p+".startingPosition", "AT_TIMESTAMP needs startingTimestamp")
		case position != "AT_TIMESTAMP" && !stamp.IsZero():
			c.Report(p+".startingTimestamp", "startingTimestamp is read with startingPosition AT_TIMESTAMP only, not %s", cmp.Or(position, "the default"))
		}
	})
}

// kafkaPollers: provisioned mode keeps between MinimumPollers and
// MaximumPollers event pollers, so the minimum cannot exceed the maximum.
// https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html
func kafkaPollers(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		k, field := kafkaOf(e)
		if k == nil || k.Pollers == nil {
			return
		}
		lo, ok1 := k.Pollers.Min.Int()
		hi, ok2 := k.Pollers.Max.Int()
		if ok1 && ok2 && lo > hi {
			c.Report(path+"."+field+".pollers.min", "pollers min %d exceeds max %d", lo, hi)
		}
	})
}

// logSubscriptions: a log group takes at most two subscription filters.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html
func logSubscriptions(c *Context) {
	type use struct{ fn, path string }
	byGroup := map[string][]use{}
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if l := e.CloudWatchLogs; l != nil {
			if key, ok := logGroupKey(l.LogGroup); ok {
				byGroup[key] = append(byGroup[key], use{fn, path + ".cloudWatchLogs.logGroup"})
			}
		}
	})
	for _, key := range sortedKeys(byGroup) {
		uses := byGroup[key]
		for i := 2; i < len(uses); i++ {
			c.Report(uses[i].path, "log group %s takes at most two subscription filters; this is its %d%s (function %s)", key, i+1, ordinal(i+1), uses[i].fn)
		}
	}
}

// logGroupKey names the log group a value designates: a reference's kind
// and name, or a literal name; ok is false for a deploy-time value.
func logGroupKey(v schema.Value) (string, bool) {
	if r, _, ok := v.Ref(); ok {
		return r.Name, true
	}
	return v.Str()
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}

// cognitoTriggers: a user pool's LambdaConfig names one function per
// trigger, so two functions handling the same trigger of a pool would
// overwrite each other (SAM keeps the last).
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
func cognitoTriggers(c *Context) {
	first := map[[2]string]string{}
	c.eachEvent(func(fn string, e schema.Event, path string) {
		g := e.Cognito
		if g == nil {
			return
		}
		for i, tr := range g.Triggers {
			key := [2]string{g.UserPool.Name, tr}
			if other, ok := first[key]; ok {
				c.Report(fmt.Sprintf("%s.cognito.triggers[%d]", path, i), "trigger %s of user pool %s is already handled by function %s: a pool has one function per trigger", tr, g.UserPool.Name, other)
				continue
			}
			first[key] = fn
		}
	})
}

// kafkaRootCa: for a self-managed cluster with a root CA, SAM's transform
// grants the role the authentication secret a second time
// (samtranslator/model/eventsources/pull.py, SelfManagedKafka
// generate_policy_document), so a root CA without auth leaves it a
// statement on no resource, which IAM rejects; brokers whose certificates
// a private CA signs also take TLS authentication.
func kafkaRootCa(c *Context) {
	c.eachEvent(func(fn string, e schema.Event, path string) {
		if k := e.SelfManagedKafka; k != nil && !k.RootCa.IsZero() && k.Auth == nil {
			c.Report(path+".selfManagedKafka.rootCa", "a root CA goes with auth: SAM grants the role the auth secret beside it, which has none here")
		}
	})
}
