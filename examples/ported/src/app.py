import json
import os

import boto3
import pymysql

rds = boto3.client("rds")


def lambda_handler(event, context):
    # IAM database authentication: a token signed by the function's role
    # is the password (the role may connect as this one user only).
    token = rds.generate_db_auth_token(
        DBHostname=os.environ["rds_endpoint"],
        Port=int(os.environ["port"]),
        DBUsername=os.environ["username"],
        Region=os.environ["region"],
    )
    conn = pymysql.connect(
        host=os.environ["rds_endpoint"],
        port=int(os.environ["port"]),
        user=os.environ["username"],
        password=token,
        ssl={"ssl": True},
        connect_timeout=5,
    )
    with conn.cursor() as cur:
        cur.execute("SELECT CURDATE()")
        (today,) = cur.fetchone()
    conn.close()
    return {"statusCode": 200, "body": json.dumps([{"curdate()": str(today)}])}
