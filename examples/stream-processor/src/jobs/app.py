import json


def handler(event, context):
    # Report only the messages that failed, so the rest of the batch is
    # deleted and not retried.
    failures = []
    for record in event["Records"]:
        try:
            job = json.loads(record["body"])
            print(json.dumps({"job": job["id"]}))
        except (KeyError, ValueError):
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
