package dev.aisle.api.client;

import dev.aisle.api.Problem;

/**
 * The server answered a call with an HTTP error (status 400 or above). {@link #problem()} is the server's
 * {@code application/problem+json} body or, when the body was not one (a proxy's error page, say), a problem made
 * from the status line and the body text. 409 means the command is illegal in the task's current state (or the
 * idempotency key was reused with another body); 401 means log in again.
 */
public class StoreAppException extends RuntimeException {

  private final int status;
  private final transient Problem problem;

  public StoreAppException(int status, Problem problem) {
    super(status + " " + problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
    this.status = status;
    this.problem = problem;
  }

  public int status() {
    return status;
  }

  public Problem problem() {
    return problem;
  }
}
