"""Order helpers shared by the functions through the common layer."""


def order_id(event):
    return (event.get("pathParameters") or {}).get("id", "")


def response(status, body):
    return {"statusCode": status, "body": body}
