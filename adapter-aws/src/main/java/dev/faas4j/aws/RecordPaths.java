package dev.faas4j.aws;

/**
 * The field paths that errors about a batch record name ({@code Records[3].attributes.SentTimestamp}), made once
 * per record index instead of concatenated for every field of every record on every invocation. Indexes past the
 * cache (batches of more than {@value #CACHED} records) get theirs made on use.
 */
final class RecordPaths {
  private static final int CACHED = 100;
  private static final Sqs[] SQS = new Sqs[CACHED];

  static {
    for (int i = 0; i < CACHED; i++) {
      SQS[i] = new Sqs("Records[" + i + "]");
    }
  }

  private RecordPaths() {}

  /** {@code Records[i]}. */
  static String record(int i) {
    return sqs(i).record();
  }

  static Sqs sqs(int i) {
    return i < CACHED ? SQS[i] : new Sqs("Records[" + i + "]");
  }

  /** The paths of an SQS record's fields; those of its message attributes, named by key, are made on error. */
  record Sqs(String record, String messageId, String eventSourceArn, String attributes, String sentTimestamp,
      String receiveCount, String messageGroupId, String messageAttributes, String body, String firstReceive) {
    Sqs(String record) {
      this(record, record + ".messageId", record + ".eventSourceARN", record + ".attributes",
          record + ".attributes.SentTimestamp", record + ".attributes.ApproximateReceiveCount",
          record + ".attributes.MessageGroupId", record + ".messageAttributes", record + ".body",
          record + ".attributes.ApproximateFirstReceiveTimestamp");
    }
  }
}
