package io.github.vaultx.raft;

/**
 * The client stopped sending requests to a node after repeated transport failures or 5xx answers;
 * it tries the node again after a pause. It has no cause: the message names the node and the
 * request, and the failures that opened the circuit were thrown to the calls that met them.
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
   * Always false: an open circuit refuses the request before it is sent.
   *
   * @return false
   */
  @Override
  public boolean mayHaveReachedServer() {
    return false;
  }
}
