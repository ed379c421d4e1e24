package io.github.vaultx.raft;

import io.github.vaultx.raft.internal.access.Checks;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RaftCallObservationConvention} knows of one public call: the operation (the method
 * name, for example {@code readRaftConfig}), how many HTTP attempts it made, and the last attempt's
 * node and status when that attempt got an answer; the failure is the context's {@link
 * #getError()}. The client creates it and records the attempts as they end.
 */
public final class RaftCallContext extends Observation.Context {
  private final String operation;
  private volatile int attempts;
  private volatile @Nullable String url;
  private volatile @Nullable String serverAddress;
  private volatile @Nullable Integer serverPort;
  private volatile @Nullable Integer statusCode;

  /**
   * A call of {@code operation}, before any attempt.
   *
   * @param operation the client method's name, for example {@code readRaftConfig}
   * @throws IllegalArgumentException if {@code operation} is null
   */
  public RaftCallContext(String operation) {
    this.operation = Checks.notNull(operation, "operation");
  }

  /**
   * Records an attempt that is about to be sent, forgetting the previous attempt's answer.
   *
   * @param url the request's URL, with query values redacted
   */
  public void attempting(String url) {
    attempts++;
    this.url = url;
    this.serverAddress = null;
    this.serverPort = null;
    this.statusCode = null;
  }

  /**
   * Records the answer of the attempt last recorded by {@link #attempting}.
   *
   * @param serverAddress the host that answered
   * @param serverPort its port
   * @param statusCode the HTTP status it answered
   */
  public void answered(String serverAddress, int serverPort, int statusCode) {
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
    this.statusCode = statusCode;
  }

  /**
   * The client method's name.
   *
   * @return for example {@code readRaftConfig}
   */
  public String operation() {
    return operation;
  }

  /**
   * How many HTTP attempts the call made so far, redirect hops included.
   *
   * @return 0 before the first
   */
  public int attempts() {
    return attempts;
  }

  /**
   * The last attempt's URL, query values redacted.
   *
   * @return the URL, or null before the first attempt
   */
  public @Nullable String url() {
    return url;
  }

  /**
   * The host of the node that answered the last attempt.
   *
   * @return the host, or null when the last attempt got no answer
   */
  public @Nullable String serverAddress() {
    return serverAddress;
  }

  /**
   * The port of the node that answered the last attempt.
   *
   * @return the port, or null when the last attempt got no answer
   */
  public @Nullable Integer serverPort() {
    return serverPort;
  }

  /**
   * The HTTP status of the last attempt's answer.
   *
   * @return the status, or null when the last attempt got no answer
   */
  public @Nullable Integer statusCode() {
    return statusCode;
  }
}
