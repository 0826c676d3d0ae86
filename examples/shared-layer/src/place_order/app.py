from aws_lambda_powertools import Logger
from orders import response
from pricing import price

logger = Logger()


def handler(event, context):
    logger.info("place order")
    return response(201, str(price(float(event.get("net", 0)))))
