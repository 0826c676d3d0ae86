"""Tell the report's owner it awaits approval; the approve function answers."""


def handler(event, context):
    print({"awaitingApproval": True, "taskToken": event["taskToken"]})
    return {"notified": True}
