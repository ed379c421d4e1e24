package io.github.vaultx.raft;

import java.util.List;

/**
 * The endpoint needs Vault Enterprise and the server is not: it answered an endpoint only Vault
 * Enterprise serves with 404 "enterprise-only feature" (Vault CE) or "unsupported path" (OpenBao),
 * refused Vault's {@code RECOVER} method (405), answered "loaded snapshots not supported" (Vault
 * CE), or ignored the parameter that asks for a loaded snapshot's data. A sibling of {@link
 * NotFoundException}, so catching that does not swallow this.
 */
public class EnterpriseOnlyException extends UnsupportedEndpointException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception for a 404.
   *
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array
   */
  public EnterpriseOnlyException(String method, String path, List<String> errors) {
    this(404, method, path, errors);
  }

  /**
   * Creates an exception for the status the server answered.
   *
   * @param statusCode the HTTP status
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array (or its warnings, when it answered 200 but ignored
   *     what only Vault Enterprise understands)
   */
  public EnterpriseOnlyException(int statusCode, String method, String path, List<String> errors) {
    super(
        statusCode,
        method,
        path,
        errors,
        "this endpoint needs Vault Enterprise (the server answered: " + describe(errors) + ")");
  }
}
