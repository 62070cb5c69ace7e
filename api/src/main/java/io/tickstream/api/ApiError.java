package io.tickstream.api;

/** An error answered to the client with an HTTP status and a message saying what was wrong and where. */
public class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400 Bad Request. */
  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  /** 404 Not Found. */
  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  public int status() {
    return status;
  }
}
