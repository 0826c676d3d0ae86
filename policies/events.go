package policies

import (
	"fmt"
	"maps"
	"slices"

	"samgen.dev/samgen/internal/cfn"
	"samgen.dev/samgen/schema"
)

// eventGrants returns what a function's event sources need from its role
// that SAM does not grant: decrypting a queue's messages, a Kinesis
// stream's records or a table's stream records under its customer managed
// key, reading the secret of
// an MSK source that authenticates with SASL/SCRAM, and the kafka-cluster
// actions of one that authenticates with IAM, on its cluster, topic and
// consumer group.
// https://docs.aws.amazon.com/lambda/latest/dg/with-msk-permissions.html
func eventGrants(a *schema.App, f schema.Function) ([]Sourced, []error) {
	var out []Sourced
	var errs []error
	for _, ev := range slices.Sorted(maps.Keys(f.Events)) {
		if k := f.Events[ev].SelfManagedKafka; k != nil && !k.RootCa.IsZero() {
			ca, err := a.ResolveValue(k.RootCa, schema.AttrArn)
			if err != nil {
				errs = append(errs, fmt.Errorf("events.%s.selfManagedKafka.rootCa: %w", ev, err))
				continue
			}
			out = append(out, Sourced{"events." + ev + ".selfManagedKafka.rootCa", Policy{Statement: Allow([]string{"secretsmanager:GetSecretValue"}, ca)}})
		}
		// Lambda reads a queue's messages and a stream's records with the
		// function's role; DynamoDB decrypts a table's stream records on
		// behalf of that role (tableKey in verbs.go).
		if t, opts, ok := f.Events[ev].Type(); ok {
			if r, field, ok := schema.PolledSource(opts); ok {
				path := "events." + ev + "." + t.Name + "." + field
				st, err := DataKey(a, r, keyRead)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s: %w", path, err))
				} else if st != nil {
					out = append(out, Sourced{path, Policy{Statement: st}})
				}
			}
		}
		m := f.Events[ev].MSK
		if m == nil {
			continue
		}
		src := "events." + ev + ".msk"
		if m.Auth != nil {
			if m.Auth.Type == "SASL_SCRAM_512" {
				secret, err := a.ResolveValue(m.Auth.Secret, schema.AttrArn)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s.auth.secret: %w", src, err))
					continue
				}
				out = append(out, Sourced{src + ".auth", Policy{Statement: Allow([]string{"secretsmanager:GetSecretValue"}, secret)}})
			}
			continue
		}
		cluster, err := a.ResolveValue(m.Cluster, schema.AttrArn)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s.cluster: %w", src, err))
			continue
		}
		group := "*"
		if m.ConsumerGroup != "" {
			group = m.ConsumerGroup
		}
		out = append(out,
			Sourced{src, Policy{Statement: Allow([]string{"kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration"}, cluster)}},
			Sourced{src, Policy{Statement: Allow([]string{"kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"}, clusterPart(cluster, "topic", m.Topic))}},
			Sourced{src, Policy{Statement: Allow([]string{"kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"}, clusterPart(cluster, "group", group))}})
	}
	return out, errs
}

// clusterPart is the ARN of a topic or group of an MSK cluster: the
// cluster's ARN, arn:...:kafka:R:A:cluster/NAME/UUID, with `cluster/`
// replaced by `topic/` or `group/` and the topic or group appended.
func clusterPart(cluster any, kind, name string) any {
	if s, ok := cluster.(string); ok {
		return replaceCluster(s, kind) + "/" + name
	}
	if m, ok := cluster.(map[string]any); ok && len(m) == 1 {
		if s, ok := m["Fn::Sub"].(string); ok {
			return cfn.Sub(replaceCluster(s, kind) + "/" + name)
		}
	}
	split := cfn.Split(":cluster/", cluster)
	return cfn.Join("", cfn.Select(0, split), ":"+kind+"/", cfn.Select(1, split), "/"+name)
}

func replaceCluster(arn, kind string) string {
	for i := 0; i+len(":cluster/") <= len(arn); i++ {
		if arn[i:i+len(":cluster/")] == ":cluster/" {
			return arn[:i] + ":" + kind + "/" + arn[i+len(":cluster/"):]
		}
	}
	return arn
}

// samEventStatements returns the inline statements SAM's transform adds to
// a function's role for one of its event sources
// (samtranslator/model/eventsources/pull.py): explain lists them as SAM
// grants them. A wildcard among them is SAM's, for actions that take no
// resource.
func samEventStatements(a *schema.App, opts any) ([]*Statement, error) {
	arn := func(v schema.Value) (any, error) { return a.ResolveValue(v, schema.AttrArn) }
	ec2 := Allow([]string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"}, "*")
	switch o := opts.(type) {
	case *schema.MSKEvent:
		if o.Auth != nil && o.Auth.Type == "CLIENT_CERTIFICATE_TLS" {
			s, err := arn(o.Auth.Secret)
			return []*Statement{Allow([]string{"secretsmanager:GetSecretValue"}, s)}, err
		}
	case *schema.SelfManagedKafkaEvent:
		var out []*Statement
		if o.Auth != nil {
			s, err := arn(o.Auth.Secret)
			if err != nil {
				return nil, err
			}
			out = append(out, Allow([]string{"secretsmanager:GetSecretValue"}, s))
		}
		// For a root CA SAM grants the auth secret a second time, not the
		// CA's own secret (SelfManagedKafka.generate_policy_document):
		// samgen grants that one (eventGrants), and requires auth with a
		// root CA (SG311), or SAM's statement would have no resource.
		if o.VPC != nil {
			out = append(out, ec2)
		}
		return out, nil
	case *schema.MQEvent:
		s, err := arn(o.Secret)
		if err != nil {
			return nil, err
		}
		b, err := arn(o.Broker)
		return []*Statement{Allow([]string{"secretsmanager:GetSecretValue"}, s), Allow([]string{"mq:DescribeBroker"}, b)}, err
	case *schema.DocumentDBEvent:
		s, err := arn(o.Secret)
		if err != nil {
			return nil, err
		}
		c, err := arn(o.Cluster)
		return []*Statement{
			Allow([]string{"secretsmanager:GetSecretValue"}, s),
			Allow([]string{"rds:DescribeDBClusterParameters"}, cfn.Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*")),
			Allow([]string{"rds:DescribeDBSubnetGroups"}, cfn.Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*")),
			Allow([]string{"rds:DescribeDBClusters"}, c),
			ec2,
		}, err
	}
	return nil, nil
}
