package dev.aisle.api;

/** The values of {@link FeedEvent#type()}. A device ignores a type it does not know. */
public final class FeedEventTypes {
  public static final String TASK_CREATED = "task-created";
  public static final String TASK_CLAIMED = "task-claimed";
  public static final String TASK_RELEASED = "task-released";
  public static final String TASK_PICKED = "task-picked";
  public static final String TASK_SHORT = "task-short";
  public static final String TASK_PACKED = "task-packed";
  public static final String TASK_SHIPPED = "task-shipped";
  public static final String TASK_STAGED = "task-staged";
  public static final String TASK_READY = "task-ready";
  public static final String TASK_HANDED_OVER = "task-handed-over";
  public static final String TASK_RECEIVED = "task-received";
  public static final String TASK_CANCELLED = "task-cancelled";
  public static final String TASK_EXPIRED = "task-expired";
  public static final String TASK_LATE = "task-late";
  /** A task lost a line (its order line was cancelled); the event carries the task as it is now. */
  public static final String TASK_CHANGED = "task-changed";

  private FeedEventTypes() {}
}
