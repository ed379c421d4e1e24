package io.github.vaultx.raft;

import java.util.List;

/** The server failed or has no active node (5xx other than sealed); retryable. */
public class VaultUnavailableException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param statusCode the HTTP status, 5xx
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public VaultUnavailableException(
      int statusCode, String method, String path, List<String> errors) {
    super(statusCode, method, path, errors);
  }
}
