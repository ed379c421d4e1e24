package io.github.vaultx.raft;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and key values of a call's observation. Low cardinality, so safe as metric
 * tags, and always all present (registries such as Prometheus need one set of tag keys per meter):
 *
 * <table>
 *   <caption>Low-cardinality keys</caption>
 *   <tr><th>Key</th><th>Value</th></tr>
 *   <tr><td>{@code vault.raft.operation}</td><td>the client method, for example
 *       {@code readRaftConfig}</td></tr>
 *   <tr><td>{@code outcome}</td><td>{@code success} or {@code error}</td></tr>
 *   <tr><td>{@code error.type}</td><td>the simple name of the exception thrown, or
 *       {@code none}</td></tr>
 *   <tr><td>{@code http.status_class}</td><td>{@code 2xx}, {@code 3xx}, {@code 4xx} or
 *       {@code 5xx}: Vault's status for a {@link VaultServerException}, else the last attempt's
 *       answer; {@code none} when the last attempt got no answer</td></tr>
 *   <tr><td>{@code server.address}, {@code server.port}</td><td>the node that answered the last
 *       attempt (after a standby's redirect, the active node), or {@code none}</td></tr>
 * </table>
 *
 * <p>High cardinality, kept off metrics: {@code url.full} (the last attempt's URL, query values
 * redacted) and {@code vault.raft.attempts} (the number of HTTP attempts).
 *
 * <p>The name is {@value #NAME}; the contextual name (a span's name) is the operation.
 */
public class DefaultRaftCallObservationConvention implements RaftCallObservationConvention {
  /** The observation's name. */
  public static final String NAME = "vaultx.raft.call";

  private static final String NONE = "none";

  /** The default convention. */
  public DefaultRaftCallObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(RaftCallContext context) {
    return context.operation();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(RaftCallContext context) {
    Throwable error = context.getError();
    Integer status = context.statusCode();
    if (error instanceof VaultServerException server) {
      status = server.statusCode();
    }
    String address = context.serverAddress();
    Integer port = context.serverPort();
    return KeyValues.of(
        KeyValue.of("vault.raft.operation", context.operation()),
        KeyValue.of("outcome", error == null ? "success" : "error"),
        KeyValue.of("error.type", error == null ? NONE : error.getClass().getSimpleName()),
        KeyValue.of("http.status_class", status == null ? NONE : (status / 100) + "xx"),
        KeyValue.of("server.address", address == null ? NONE : address),
        KeyValue.of("server.port", port == null ? NONE : Integer.toString(port)));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(RaftCallContext context) {
    String url = context.url();
    KeyValues values =
        KeyValues.of(KeyValue.of("vault.raft.attempts", Integer.toString(context.attempts())));
    return url == null ? values : values.and(KeyValue.of("url.full", url));
  }
}
