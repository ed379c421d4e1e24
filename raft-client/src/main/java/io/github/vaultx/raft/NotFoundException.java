package io.github.vaultx.raft;

import java.util.List;

/**
 * Nothing at that path (404). See {@link EnterpriseOnlyException} for endpoints the server does not
 * serve at all.
 */
public class NotFoundException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public NotFoundException(String method, String path, List<String> errors) {
    super(404, method, path, errors);
  }
}
