/**
 * The daily report: a cron schedule ({@code 0 2 * * *}, UTC) writes the previous day's figures to the
 * {@code reports} bucket and deletes order records older than 30 days.
 */
@NullMarked
package dev.faas4j.examples.report;

import org.jspecify.annotations.NullMarked;
