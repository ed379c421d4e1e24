package io.github.vaultx.raft;

import org.jspecify.annotations.Nullable;

/**
 * The client stopped sending requests to a node after repeated transport failures or 5xx answers;
 * it tries the node again after a pause. The message names the node, the request and the last
 * failure that counted against the node, which is also the cause (for example a {@link
 * RemovedNodeException} or a timeout), so the reason the node is rested is never lost.
 */
public class CircuitOpenException extends VaultClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message which node and request were refused
   */
  public CircuitOpenException(String message) {
    super(message, null);
  }

  /**
   * Creates an exception that names the failure that opened the circuit.
   *
   * @param message which node and request were refused, and why the node is rested
   * @param cause the last failure that counted against the node, if known
   */
  public CircuitOpenException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Always false: an open circuit refuses the request before it is sent.
   *
   * @return false
   */
  @Override
  public boolean mayHaveReachedServer() {
    return false;
  }
}
