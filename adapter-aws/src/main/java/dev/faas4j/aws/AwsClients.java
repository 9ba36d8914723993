package dev.faas4j.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients with the JDK's HTTP client and the SDK's standard environment: region from
 * {@code AWS_REGION}, credentials from the Lambda role, endpoints from {@code AWS_ENDPOINT_URL[_<SERVICE>]}. Kept
 * apart from {@link AwsPlatform} so that a function using no AWS port never loads an SDK class.
 */
final class AwsClients {
  private AwsClients() {}

  static S3Client s3(boolean pathStyle) {
    return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).forcePathStyle(pathStyle).build();
  }

  static SqsClient sqs() {
    return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  }

  static SnsClient sns() {
    return SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  }

  static DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  }
}
