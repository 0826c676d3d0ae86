package review_test

import (
	"os"
	"testing"
)

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// extraTemplates are SAM templates of features the examples do not use
// (some that samgen does not render yet), for the oracle tests.
var extraTemplates = map[string]string{
	"function-url-and-events": `
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src
      FunctionUrlConfig:
        AuthType: NONE
      Events:
        Route:
          Type: HttpApi
          Properties: {Method: GET, Path: /x}
        Tick:
          Type: Schedule
          Properties: {Schedule: rate(1 hour)}
        Upload:
          Type: S3
          Properties: {Bucket: !Ref Uploads, Events: s3:ObjectCreated:*}
        Rule:
          Type: EventBridgeRule
          Properties: {Pattern: {source: [x]}}
`,
	"http-api-domain": `
Transform: AWS::Serverless-2016-10-31
Resources:
  Auth:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: app.handler, CodeUri: src}
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: prod
      Domain:
        DomainName: api.example.com
        CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
      Auth:
        Authorizers:
          Lambda:
            FunctionArn: !GetAtt Auth.Arn
            AuthorizerPayloadFormatVersion: "2.0"
            EnableFunctionDefaultPermissions: true
`,
	"implicit-http-api-globals": `
Transform: AWS::Serverless-2016-10-31
Globals:
  HttpApi:
    Domain:
      DomainName: api.example.com
      CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
      Route53: {HostedZoneId: Z123}
    Auth:
      DefaultAuthorizer: Token
      Authorizers:
        Token:
          FunctionArn: !GetAtt Auth.Arn
          AuthorizerPayloadFormatVersion: "2.0"
          EnableFunctionDefaultPermissions: true
        Jwt:
          JwtConfiguration: {issuer: "https://issuer.example.com", audience: [app]}
          IdentitySource: $request.header.Authorization
Resources:
  Auth:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: app.handler, CodeUri: src}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src
      Events:
        Get:
          Type: HttpApi
          Properties: {Method: GET, Path: /x}
`,
	"state-machine-events": `
Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}
      Events:
        Start:
          Type: Api
          Properties: {Method: post, Path: /start}
        Nightly:
          Type: Schedule
          Properties: {Schedule: rate(1 day)}
`,
}
