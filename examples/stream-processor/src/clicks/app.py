import base64
import json


def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            click = json.loads(base64.b64decode(record["kinesis"]["data"]))
            print(json.dumps({"page": click["page"]}))
        except (KeyError, ValueError):
            failures.append({"itemIdentifier": record["kinesis"]["sequenceNumber"]})
    return {"batchItemFailures": failures}
