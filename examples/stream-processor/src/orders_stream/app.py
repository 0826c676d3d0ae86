import json


def handler(event, context):
    # A raised exception fails the batch; Lambda bisects it and retries each
    # half, then records what still fails on the on-failure queue.
    for record in event["Records"]:
        image = record["dynamodb"].get("NewImage", {})
        print(json.dumps({"event": record["eventName"], "orderId": image.get("orderId")}))
