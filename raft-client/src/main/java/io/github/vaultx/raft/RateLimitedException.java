package io.github.vaultx.raft;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A rate limit quota was exceeded (429); retryable after {@link #retryAfter()}. */
public class RateLimitedException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /** The wait the server asked for, or null. */
  private final @Nullable Duration retryAfter;

  /**
   * Creates an exception.
   *
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   * @param retryAfter the wait the server asked for in {@code Retry-After}, if any
   */
  public RateLimitedException(
      String method, String path, List<String> errors, @Nullable Duration retryAfter) {
    super(429, method, path, errors);
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long the server asked the client to wait.
   *
   * @return the {@code Retry-After} wait, or {@code null} when the server sent none
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
