"""Authorize a call to the publish route: only the reporting service's token passes."""

import hmac
import os

import boto3

secrets = boto3.client("secretsmanager")
_token = None


def handler(event, context):
    global _token
    if _token is None:
        _token = secrets.get_secret_value(SecretId=os.environ["PUBLISHER_TOKEN_SECRET"])["SecretString"]
    presented = event.get("authorizationToken", "").removeprefix("Bearer ")
    allowed = hmac.compare_digest(presented, _token)
    return {
        "principalId": "publisher",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{
                "Action": "execute-api:Invoke",
                "Effect": "Allow" if allowed else "Deny",
                "Resource": event["methodArn"],
            }],
        },
    }
