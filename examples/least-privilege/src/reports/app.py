import os

import boto3


def handler(event, context):
    # An IAM authentication token for the proxy's database user; the
    # database driver passes it as the password over TLS.
    token = boto3.client("rds").generate_db_auth_token(
        DBHostname=os.environ.get("DB_HOST", ""), Port=5432, DBUsername="reports"
    )
    return {"statusCode": 200, "body": str(len(token) > 0)}
