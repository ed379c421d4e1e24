package io.github.vaultx.raft;

import java.util.List;

/**
 * A standby node could not serve the request: it has no active node to forward to, or it redirected
 * to the active node and the redirect could not be followed (redirects disabled, too many hops, a
 * missing {@code Location}, or a downgrade from https to http).
 */
public class StandbyNodeException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception from Vault's error answer.
   *
   * @param statusCode the HTTP status
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public StandbyNodeException(int statusCode, String method, String path, List<String> errors) {
    super(statusCode, method, path, errors);
  }

  /**
   * Creates an exception for a redirect that was not followed.
   *
   * @param statusCode the redirect status, 307 or 308
   * @param method the HTTP method of the request
   * @param path the request path
   * @param reason why the redirect was not followed
   */
  public StandbyNodeException(int statusCode, String method, String path, String reason) {
    super(statusCode, method, path, List.of(), reason);
  }
}
