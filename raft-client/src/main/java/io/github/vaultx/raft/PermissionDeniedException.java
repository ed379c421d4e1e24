package io.github.vaultx.raft;

import java.util.List;

/** The token is missing, invalid or lacks a capability such as {@code sudo} (403). */
public class PermissionDeniedException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public PermissionDeniedException(String method, String path, List<String> errors) {
    super(403, method, path, errors);
  }
}
