import json


def handler(event, context):
    records = [r for rs in event.get("records", {}).values() for r in rs]
    print(json.dumps({"payments": len(records)}))
