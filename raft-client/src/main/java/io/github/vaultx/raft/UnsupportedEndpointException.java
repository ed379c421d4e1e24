package io.github.vaultx.raft;

import java.util.List;

/**
 * The server does not serve this endpoint at all: it answered 404 "unsupported path" (or 405 to the
 * method), as HashiCorp Vault does for OpenBao's {@code promote} and {@code demote}, and any server
 * without Raft storage for every Raft path. A sibling of {@link NotFoundException}, which means "no
 * such thing at a path the server serves". {@link EnterpriseOnlyException} is the case where the
 * endpoint needs Vault Enterprise.
 */
public class UnsupportedEndpointException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param statusCode the HTTP status (404 or 405)
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public UnsupportedEndpointException(
      int statusCode, String method, String path, List<String> errors) {
    this(
        statusCode,
        method,
        path,
        errors,
        "this server does not serve this endpoint (it answered: " + describe(errors) + ")");
  }

  /**
   * Creates an exception whose message ends with {@code detail}, for subclasses.
   *
   * @param statusCode the HTTP status
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   * @param detail the text after {@code "<status> on <METHOD> <path>: "}
   */
  protected UnsupportedEndpointException(
      int statusCode, String method, String path, List<String> errors, String detail) {
    super(statusCode, method, path, errors, detail);
  }
}
