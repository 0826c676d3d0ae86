from aws_lambda_powertools import Logger
from pricing import price

logger = Logger()


def handler(event, context):
    logger.info("quote")
    return {"statusCode": 200, "body": str(price(float(event.get("net", 0))))}
