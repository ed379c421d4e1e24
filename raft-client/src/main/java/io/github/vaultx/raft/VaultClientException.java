package io.github.vaultx.raft;

import org.jspecify.annotations.Nullable;

/**
 * No usable answer arrived: an I/O or TLS failure, a timeout, a malformed body, an open circuit or
 * an incomplete snapshot. Not a 4xx: Vault's error answers are {@link VaultServerException}s. The
 * name follows the client/service split of the AWS SDK (ADR 12).
 */
public class VaultClientException extends VaultRaftException {
  private static final long serialVersionUID = 1L;

  private final boolean mayHaveReachedServer;

  /**
   * Creates an exception for a request that may have reached the server.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure, if any
   */
  public VaultClientException(String message, @Nullable Throwable cause) {
    this(message, cause, true);
  }

  /**
   * Creates an exception.
   *
   * @param message what failed, without secrets
   * @param cause the underlying failure, if any
   * @param mayHaveReachedServer false only if the request provably never left the client
   */
  public VaultClientException(
      String message, @Nullable Throwable cause, boolean mayHaveReachedServer) {
    super(message, cause);
    this.mayHaveReachedServer = mayHaveReachedServer;
  }

  /**
   * Whether the request may have reached a server, and so may have been applied, though no answer
   * came back. False only when it provably never left the client: the connection was refused, had
   * no route, the host name did not resolve, the connect timeout fired, or the node's circuit was
   * open. Then even a call that is not idempotent ({@code removeRaftNode}, a restore, {@code
   * promoteRaftNode}...) is safe to send again. True otherwise, for example when the connection was
   * reset or the read timeout fired after the request was written: check the cluster's state before
   * sending such a call again.
   *
   * <p>The client itself sends a non-idempotent call again (to the same or the next address) only
   * after an attempt for which this is false, so for those calls the flag describes the whole call.
   * An idempotent call may have been applied by an earlier attempt, which is harmless by
   * definition.
   *
   * @return false if the request certainly did not reach the server
   */
  public boolean mayHaveReachedServer() {
    return mayHaveReachedServer;
  }
}
