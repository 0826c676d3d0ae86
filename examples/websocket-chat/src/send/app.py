import json
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
clients = boto3.client("apigatewaymanagementapi", endpoint_url=os.environ["ENDPOINT"])


def handler(event, context):
    message = json.loads(event.get("body") or "{}").get("message", "")
    for item in table.scan(ProjectionExpression="connectionId")["Items"]:
        try:
            clients.post_to_connection(ConnectionId=item["connectionId"], Data=message.encode())
        except clients.exceptions.GoneException:
            pass
    return {"statusCode": 200}
