import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const { productId } = event.pathParameters;
  const { Item } = await db.send(
    new GetCommand({ TableName: process.env.PRODUCTS_TABLE, Key: { productId } }),
  );
  if (!Item) {
    return { statusCode: 404, body: JSON.stringify({ message: "not found" }) };
  }
  return { statusCode: 200, body: JSON.stringify(Item) };
};
