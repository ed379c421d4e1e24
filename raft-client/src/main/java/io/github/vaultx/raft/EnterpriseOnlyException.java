package io.github.vaultx.raft;

import java.util.List;

/**
 * The endpoint needs Vault Enterprise: the server answered 404 on an endpoint only Vault Enterprise
 * serves, with "enterprise-only feature" (Vault CE) or "unsupported path" (OpenBao). A sibling of
 * {@link NotFoundException}, so catching that does not swallow this.
 */
public class EnterpriseOnlyException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array
   */
  public EnterpriseOnlyException(String method, String path, List<String> errors) {
    super(
        404,
        method,
        path,
        errors,
        "this endpoint needs Vault Enterprise (the server answered: " + describe(errors) + ")");
  }
}
