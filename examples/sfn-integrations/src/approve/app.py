"""Start a nightly report, and approve or reject a pending report."""

import json
import os

import boto3

sfn = boto3.client("stepfunctions")


def handler(event, context):
    if "taskToken" in event:
        sfn.send_task_success(taskToken=event["taskToken"], output=json.dumps({"approved": True}))
        return {"sent": True}
    out = sfn.start_execution(stateMachineArn=os.environ["REPORT_MACHINE"], input=json.dumps(event))
    return {"executionArn": out["executionArn"]}
