package io.github.vaultx.raft;

import java.util.List;
import java.util.Objects;

/**
 * Vault answered with an error status. The message is {@code "<status> on <METHOD> <path>: <Vault's
 * errors>"}; subclasses name the cases a caller may want to handle.
 */
public class VaultServerException extends VaultRaftException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int statusCode;

  /** The HTTP method of the request. */
  private final String method;

  /** The request path. */
  private final String path;

  /** Vault's errors, unmodifiable. */
  private final List<String> errors;

  /**
   * Creates an exception for an error answer.
   *
   * @param statusCode the HTTP status
   * @param method the HTTP method of the request
   * @param path the request path, for example {@code /v1/sys/storage/raft/configuration}
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public VaultServerException(int statusCode, String method, String path, List<String> errors) {
    this(statusCode, method, path, errors, describe(errors));
  }

  /**
   * Creates an exception whose message ends with {@code detail} instead of Vault's errors.
   *
   * @param statusCode the HTTP status
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   * @param detail the text after {@code "<status> on <METHOD> <path>: "}
   */
  protected VaultServerException(
      int statusCode, String method, String path, List<String> errors, String detail) {
    super(statusCode + " on " + method + " " + path + ": " + detail, null);
    this.statusCode = statusCode;
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.errors = List.copyOf(errors);
  }

  /**
   * Returns the HTTP status Vault answered with.
   *
   * @return the status code
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns Vault's {@code errors} array as sent.
   *
   * @return the errors, possibly empty
   */
  public List<String> errors() {
    return errors;
  }

  /**
   * Returns the HTTP method of the failed request.
   *
   * @return for example {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the path of the failed request, without host or query.
   *
   * @return for example {@code /v1/sys/storage/raft/configuration}
   */
  public String path() {
    return path;
  }

  /**
   * Joins Vault's errors with {@code "; "} on one line.
   *
   * @param errors Vault's errors
   * @return the joined text, or {@code "no error message"} when there is none
   */
  protected static String describe(List<String> errors) {
    StringBuilder joined = new StringBuilder();
    for (String error : errors) {
      String line = error.replaceAll("\\s+", " ").trim();
      if (line.isEmpty()) {
        continue;
      }
      if (joined.length() > 0) {
        joined.append("; ");
      }
      joined.append(line);
    }
    return joined.length() == 0 ? "no error message" : joined.toString();
  }
}
