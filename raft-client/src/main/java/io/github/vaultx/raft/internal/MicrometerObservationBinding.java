package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.DefaultRaftAttemptObservationConvention;
import io.github.vaultx.raft.DefaultRaftCallObservationConvention;
import io.github.vaultx.raft.MicrometerObservations;
import io.github.vaultx.raft.RaftAttemptContext;
import io.github.vaultx.raft.RaftAttemptObservationConvention;
import io.github.vaultx.raft.RaftCallContext;
import io.github.vaultx.raft.RaftCallObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Reports to a Micrometer {@code ObservationRegistry}. The only class of the client that names
 * Micrometer's observation types: it is loaded only when observations were configured.
 */
final class MicrometerObservationBinding implements Observations {
  private static final RaftCallObservationConvention DEFAULT_CALL =
      new DefaultRaftCallObservationConvention();
  private static final RaftAttemptObservationConvention DEFAULT_ATTEMPT =
      new DefaultRaftAttemptObservationConvention();

  private final ObservationRegistry registry;
  private final @Nullable RaftCallObservationConvention callConvention;
  private final @Nullable RaftAttemptObservationConvention attemptConvention;

  private MicrometerObservationBinding(MicrometerObservations observations) {
    this.registry = observations.registry();
    this.callConvention = observations.callConvention();
    this.attemptConvention = observations.attemptConvention();
  }

  /**
   * The observations of a {@link MicrometerObservations} setting. Returns the interface type so
   * that callers' bytecode never needs this class verified.
   */
  static Observations bind(Object observations) {
    if (!(observations instanceof MicrometerObservations setting)) {
      throw new IllegalArgumentException("observations must be a MicrometerObservations");
    }
    return new MicrometerObservationBinding(setting);
  }

  @Override
  public Call start(Operation operation) {
    RaftCallContext context = new RaftCallContext(operation.publicName);
    Observation observation =
        Observation.createNotStarted(callConvention, DEFAULT_CALL, () -> context, registry).start();
    return new ObservedCall(observation, context);
  }

  /** The URL with every query value replaced; the token is a header and never in it. */
  static String redacted(HttpUrl url) {
    if (url.querySize() == 0 && url.username().isEmpty() && url.password().isEmpty()) {
      return url.toString();
    }
    HttpUrl.Builder builder = url.newBuilder().username("").password("").query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String value = url.queryParameterValue(i);
      builder.addQueryParameter(url.queryParameterName(i), value == null ? null : "REDACTED");
    }
    return builder.build().toString();
  }

  private final class ObservedCall implements Call {
    private final Observation observation;
    private final RaftCallContext context;

    ObservedCall(Observation observation, RaftCallContext context) {
      this.observation = observation;
      this.context = context;
    }

    @Override
    public Response exchange(Interceptor.Chain chain, Request request) throws IOException {
      HttpUrl url = request.url();
      String shown = redacted(url);
      int before = context.attempts();
      context.attempting(shown);
      RaftAttemptContext attempt =
          new RaftAttemptContext(
              context.operation(), request.method(), shown, url.host(), url.port(), before);
      Observation child =
          Observation.createNotStarted(attemptConvention, DEFAULT_ATTEMPT, () -> attempt, registry)
              .parentObservation(observation)
              .start();
      Request sent = withTraceHeaders(request, attempt.getCarrier());
      Observation.Scope scope = child.openScope();
      try {
        Response response = chain.proceed(sent);
        attempt.answered(response.code());
        context.answered(url.host(), url.port(), response.code());
        return response;
      } catch (IOException | RuntimeException | Error e) {
        child.error(e);
        throw e;
      } finally {
        scope.close();
        child.stop();
      }
    }

    @Override
    public Scope openScope() {
      Observation.Scope scope = observation.openScope();
      return scope::close;
    }

    @Override
    public void stop(@Nullable Throwable failure) {
      if (failure != null) {
        observation.error(failure);
      }
      observation.stop();
    }
  }

  /** Adds the trace context a tracing handler wrote, never replacing a header the client set. */
  private static Request withTraceHeaders(Request request, @Nullable Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return request;
    }
    Request.Builder builder = request.newBuilder();
    headers.forEach(
        (name, value) -> {
          if (request.header(name) == null) {
            builder.header(name, value);
          }
        });
    return builder.build();
  }
}
