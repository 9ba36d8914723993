/**
 * Build-time code: {@link dev.faas4j.aws.deploy.SamTemplate} derives an AWS SAM template from an application's
 * registrations. Not needed at run time; a Lambda function never loads it.
 */
@NullMarked
package dev.faas4j.aws.deploy;

import org.jspecify.annotations.NullMarked;
