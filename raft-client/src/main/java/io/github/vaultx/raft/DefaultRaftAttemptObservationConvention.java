package io.github.vaultx.raft;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Set;

/**
 * The default names and key values of an HTTP attempt's observation, on OpenTelemetry's HTTP client
 * semantic conventions. Low cardinality, so safe as metric tags:
 *
 * <table>
 *   <caption>Low-cardinality keys</caption>
 *   <tr><th>Key</th><th>Value</th></tr>
 *   <tr><td>{@code http.request.method}</td><td>{@code GET}, {@code POST}, {@code PUT},
 *       {@code DELETE}; {@code _OTHER} for Vault's own methods (its original name then in the
 *       high-cardinality {@code http.request.method_original})</td></tr>
 *   <tr><td>{@code server.address}, {@code server.port}</td><td>the node the request went
 *       to</td></tr>
 *   <tr><td>{@code http.response.status_code}</td><td>the answer's status, or {@code none}
 *       without one</td></tr>
 *   <tr><td>{@code error.type}</td><td>the fully qualified class name of the exception that left
 *       no answer, else the status for a 4xx or 5xx answer, else {@code none}</td></tr>
 *   <tr><td>{@code vault.raft.operation}</td><td>the client method</td></tr>
 * </table>
 *
 * <p>OpenTelemetry leaves out a status or error type that does not apply; here they are always
 * present, as {@code none}, because registries such as Prometheus need one set of tag keys per
 * meter. Replace the convention to drop them.
 *
 * <p>High cardinality, kept off metrics: {@code url.full} (query values redacted; the token is a
 * header and never part of it) and {@code http.request.resend_count} (how many attempts of the call
 * went before, for retries, failover and redirects; absent on the first attempt).
 *
 * <p>The name is {@value #NAME}; the contextual name (a span's name) is the HTTP method, as
 * OpenTelemetry names a client span without a route.
 */
public class DefaultRaftAttemptObservationConvention implements RaftAttemptObservationConvention {
  /** The observation's name. */
  public static final String NAME = "vaultx.raft.call.attempt";

  private static final String NONE = "none";
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  /** The default convention. */
  public DefaultRaftAttemptObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(RaftAttemptContext context) {
    return KNOWN_METHODS.contains(context.method()) ? context.method() : "HTTP";
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(RaftAttemptContext context) {
    Integer status = context.statusCode();
    Throwable error = context.getError();
    String errorType = NONE;
    if (error != null) {
      errorType = error.getClass().getName();
    } else if (status != null && status >= 400) {
      errorType = Integer.toString(status);
    }
    return KeyValues.of(
        KeyValue.of(
            "http.request.method",
            KNOWN_METHODS.contains(context.method()) ? context.method() : "_OTHER"),
        KeyValue.of("server.address", context.serverAddress()),
        KeyValue.of("server.port", Integer.toString(context.serverPort())),
        KeyValue.of("http.response.status_code", status == null ? NONE : status.toString()),
        KeyValue.of("error.type", errorType),
        KeyValue.of("vault.raft.operation", context.operation()));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(RaftAttemptContext context) {
    KeyValues values = KeyValues.of(KeyValue.of("url.full", context.url()));
    if (context.resendCount() > 0) {
      values =
          values.and(
              KeyValue.of("http.request.resend_count", Integer.toString(context.resendCount())));
    }
    if (!KNOWN_METHODS.contains(context.method())) {
      values = values.and(KeyValue.of("http.request.method_original", context.method()));
    }
    return values;
  }
}
