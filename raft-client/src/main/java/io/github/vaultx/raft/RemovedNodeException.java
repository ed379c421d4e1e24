package io.github.vaultx.raft;

import java.util.List;

/**
 * The node was removed from its Raft cluster and cannot serve until its data is wiped (Vault
 * 1.19+): it answers {@code sys/health} with 530, every other call with 503 "Vault is sealed" (the
 * client then asks its {@code sys/seal-status}, which says {@code removed_from_cluster}), and
 * refuses to join or unseal ("node has been removed from the HA cluster"). The client moves on to
 * the next address; a join must be asked of a node whose Raft data was cleaned up.
 */
public class RemovedNodeException extends VaultServerException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param statusCode the HTTP status (500 for a refused request, 530 from {@code sys/health})
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array, possibly empty
   */
  public RemovedNodeException(int statusCode, String method, String path, List<String> errors) {
    super(
        statusCode,
        method,
        path,
        errors,
        "the node was removed from its Raft cluster (the server answered: "
            + describe(errors)
            + ")");
  }

  /**
   * Creates an exception for a node found removed after another answer, for example a sealed answer
   * from a node whose {@code sys/seal-status} reports {@code removed_from_cluster}.
   *
   * @param statusCode the HTTP status of the answer (503 for a sealed answer)
   * @param method the HTTP method of the request
   * @param path the request path
   * @param errors Vault's {@code errors} array of the answer, possibly empty
   * @param detail what showed the node was removed, naming the node; no secrets
   */
  public RemovedNodeException(
      int statusCode, String method, String path, List<String> errors, String detail) {
    super(
        statusCode,
        method,
        path,
        errors,
        "the node was removed from its Raft cluster: "
            + detail
            + " (the server answered: "
            + describe(errors)
            + ")");
  }
}
