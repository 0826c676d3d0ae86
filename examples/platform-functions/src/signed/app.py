def handler(event, context):
    return {"settled": True}
