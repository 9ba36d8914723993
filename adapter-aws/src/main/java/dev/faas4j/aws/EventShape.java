package dev.faas4j.aws;

import com.fasterxml.jackson.databind.JsonNode;

/** The kinds of Lambda event this adapter understands, told apart by their shape alone. */
enum EventShape {
  HTTP_V2, HTTP_V1, ALB, SQS, SNS, S3, KINESIS, DYNAMODB, SCHEDULE, S3_EVENTBRIDGE, EVENTBRIDGE, UNKNOWN;

  static EventShape of(JsonNode root) {
    if (!root.isObject()) {
      return UNKNOWN;
    }
    JsonNode rc = root.get("requestContext");
    boolean hasContext = rc != null && rc.isObject();
    if (hasContext && rc.path("http").isObject()) {
      return HTTP_V2;
    }
    if (root.has("httpMethod")) {
      return hasContext && rc.has("elb") ? ALB : HTTP_V1;
    }
    JsonNode records = root.get("Records");
    if (records != null && records.isArray() && !records.isEmpty() && records.get(0).isObject()) {
      JsonNode first = records.get(0);
      String source = first.path("eventSource").asText(first.path("EventSource").asText(""));
      return switch (source) {
        case "aws:sqs" -> SQS;
        case "aws:sns" -> SNS;
        case "aws:s3" -> S3;
        case "aws:kinesis" -> KINESIS;
        case "aws:dynamodb" -> DYNAMODB;
        default -> UNKNOWN;
      };
    }
    String detailType = root.path("detail-type").asText("");
    String source = root.path("source").asText("");
    if (detailType.equals("Scheduled Event") && (source.equals("aws.events") || source.equals("aws.scheduler"))) {
      return SCHEDULE;
    }
    if (source.equals("aws.s3") && detailType.startsWith("Object ")) {
      return S3_EVENTBRIDGE;
    }
    // any other EventBridge event: only a CloudEvent function takes it
    return !detailType.isEmpty() && !source.isEmpty() && root.has("id") ? EVENTBRIDGE : UNKNOWN;
  }

  boolean isHttp() {
    return this == HTTP_V2 || this == HTTP_V1 || this == ALB;
  }
}
