package dev.faas4j.trigger;

/**
 * A registration mistake: a bad route, cron expression, bucket or queue name, or a duplicate function name. Thrown
 * while the application configures itself, so a broken app fails at start-up, not on its first event.
 */
public class InvalidTriggerException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidTriggerException(String message) {
    super(message);
  }

  public InvalidTriggerException(String message, Throwable cause) {
    super(message, cause);
  }
}
