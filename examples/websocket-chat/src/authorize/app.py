import os


def handler(event, context):
    token = (event.get("queryStringParameters") or {}).get("token")
    effect = "Allow" if token and token == os.environ.get("CHAT_TOKEN", "letmein") else "Deny"
    return {
        "principalId": "chat-user",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}],
        },
    }
