package io.github.vaultx.raft;

/**
 * The client stopped sending requests to a node after repeated transport failures or 5xx answers;
 * it tries the node again after a pause. The cause is the circuit breaker's own exception.
 */
public class CircuitOpenException extends VaultClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message which node and request were refused
   * @param cause the circuit breaker's exception
   */
  public CircuitOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
