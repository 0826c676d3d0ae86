def handler(event, context):
    tenant = event.get("requestContext", {}).get("tenantId")
    return {"statusCode": 200, "body": tenant or ""}
