import json
import os
import uuid

import boto3

table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])


def handler(event, context):
    order = json.loads(event.get("body") or "{}")
    order["orderId"] = str(uuid.uuid4())
    order["stage"] = os.environ["STAGE"]
    table.put_item(Item=order)
    return {"statusCode": 201, "body": json.dumps({"orderId": order["orderId"]})}
