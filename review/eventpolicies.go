package review

import "samgen.dev/samgen/internal/cfn"

// samEventGrants adds what SAM's transform grants a function's role for
// the source access configurations of one event
// (samtranslator/model/eventsources/pull.py, each source's
// get_policy_statements), read from the event's rendered properties: the
// secret it signs in with, the broker or cluster it describes, and the
// network interfaces of a source in a VPC. samgen's explain lists the same
// grants from the model (policies.samEventStatements); TestRolesMatchExplain
// holds the two equal and TestRolesMatchTranslator this one to SAM's.
func (ro *Role) samEventGrants(src, samType string, props map[string]any) {
	var secret, vpc bool
	var secretURI any
	for _, c := range cfn.List(props["SourceAccessConfigurations"]) {
		m, _ := c.(map[string]any)
		switch t, _ := m["Type"].(string); t {
		case "VPC_SUBNET", "VPC_SECURITY_GROUP":
			vpc = true
		case "BASIC_AUTH", "SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH":
			secret, secretURI = true, m["URI"]
		case "CLIENT_CERTIFICATE_TLS_AUTH":
			secret, secretURI = true, m["URI"]
		}
	}
	ec2 := []string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"}
	addAll := func(actions []string, resource any) {
		for _, a := range actions {
			ro.add(src, a, resource, "")
		}
	}
	getSecret := func() { ro.add(src, "secretsmanager:GetSecretValue", secretURI, "") }
	switch samType {
	case "MSK":
		// SAM grants the secret of mutual TLS only (SASL/SCRAM's is
		// samgen's, in Policies).
		for _, c := range cfn.List(props["SourceAccessConfigurations"]) {
			if m, _ := c.(map[string]any); m["Type"] == "CLIENT_CERTIFICATE_TLS_AUTH" {
				ro.add(src, "secretsmanager:GetSecretValue", m["URI"], "")
			}
		}
	case "SelfManagedKafka":
		if secret {
			getSecret()
		}
		if vpc {
			addAll(ec2, "*")
		}
	case "MQ":
		if secret {
			getSecret()
		}
		ro.add(src, "mq:DescribeBroker", props["Broker"], "")
	case "DocumentDB":
		if secret {
			getSecret()
		}
		ro.add(src, "rds:DescribeDBClusterParameters", cfn.Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*"), "")
		ro.add(src, "rds:DescribeDBSubnetGroups", cfn.Sub("arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*"), "")
		ro.add(src, "rds:DescribeDBClusters", props["Cluster"], "")
		addAll(ec2, "*")
	}
}
