package io.github.vaultx.raft;

import java.util.List;

/** Vault rejected the request as invalid (400); {@link #errors()} says why. */
public class InvalidRequestException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public InvalidRequestException(String method, String path, List<String> errors) {
    super(400, method, path, errors);
  }
}
