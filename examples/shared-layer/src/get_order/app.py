from aws_lambda_powertools import Logger
from orders import order_id, response

logger = Logger()


def handler(event, context):
    logger.info("get order")
    return response(200, order_id(event))
