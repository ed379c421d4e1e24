package io.github.vaultx.raft;

import java.util.List;

/**
 * The node was removed from its Raft cluster and cannot serve until its data is wiped (Vault
 * 1.19+): it answers {@code sys/health} with 530 and refuses to join or unseal ("node has been
 * removed from the HA cluster"). The client moves on to the next address; a join must be asked of a
 * node whose Raft data was cleaned up.
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
}
