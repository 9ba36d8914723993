/**
 * Runs faas4j functions on AWS Lambda: {@link dev.faas4j.aws.LambdaHandler} is the one handler for every function
 * and trigger, {@link dev.faas4j.aws.AwsPlatform} provides the ports on S3, SQS, SNS and DynamoDB, and
 * {@link dev.faas4j.aws.LambdaLogFormat} writes Lambda's JSON log shape. Everything else is package-private wire
 * translation.
 */
@NullMarked
package dev.faas4j.aws;

import org.jspecify.annotations.NullMarked;
