/**
 * Runs faas4j functions on AWS Lambda: {@link dev.faas4j.aws.LambdaHandler} is the one handler for every function
 * and trigger, and {@link dev.faas4j.aws.AwsPlatform} provides the ports on S3, SQS, SNS and DynamoDB. Everything
 * else (wire mapping, the ports' implementations, Lambda's log format) is package-private;
 * {@link dev.faas4j.aws.DynamoDbKeyValueStore} is public only for the table layout the SAM template generator in
 * {@code dev.faas4j.aws.deploy} uses.
 */
@NullMarked
package dev.faas4j.aws;

import org.jspecify.annotations.NullMarked;
