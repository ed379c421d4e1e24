package io.github.vaultx.raft;

import java.util.List;

/** The node is sealed (503 "Vault is sealed"); it must be unsealed before it can serve. */
public class VaultSealedException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public VaultSealedException(String method, String path, List<String> errors) {
    super(503, method, path, errors);
  }
}
