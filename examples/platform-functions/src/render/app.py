def handler(event, context):
    return {"rendered": True}
