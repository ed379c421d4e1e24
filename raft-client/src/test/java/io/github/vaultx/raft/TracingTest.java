package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vaultx.raft.internal.ClientKind;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.testing.VaultResponses;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The observations as OpenTelemetry spans, through the Micrometer Tracing bridge into the SDK's
 * in-memory exporter: one span per call, one client span per attempt under it, and the attempt's
 * trace context sent to Vault in a {@code traceparent} header.
 */
@ParameterizedClass
@EnumSource(ClientKind.class)
class TracingTest {
  @RegisterExtension final MockVault vault;

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  final ObservationRegistry registry = ObservationRegistry.create();

  TracingTest(ClientKind kind) {
    vault = MockVault.create().clients(kind);
    io.opentelemetry.api.trace.Tracer otel = provider.get("vaultx-raft-test");
    OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    OtelTracer tracer =
        new OtelTracer(
            otel, current, event -> {}, new OtelBaggageManager(current, List.of(), List.of()));
    OtelPropagator propagator =
        new OtelPropagator(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
    registry
        .observationConfig()
        .observationHandler(
            new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
  }

  @AfterEach
  void shutDown() {
    provider.close();
  }

  @Test
  void retriedCall_isOneSpan_withAClientSpanPerAttempt() throws Exception {
    vault.enqueue(VaultResponses.vaultError(503, "no active node"));
    vault.enqueue(VaultResponses.json(200, "{\"data\":{\"config\":{\"index\":1,\"servers\":[]}}}"));
    VaultRaftClient client =
        vault.newClient(
            options -> {
              options.maxRetries = 1;
              options.observations = MicrometerObservations.of(registry);
            });

    client.readRaftConfig();

    List<SpanData> spans = exporter.getFinishedSpanItems();
    // Micrometer Tracing writes the contextual name (the operation) in lower hyphen case.
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactly("GET", "GET", "read-raft-config");
    List<SpanData> calls =
        spans.stream().filter(s -> s.getName().equals("read-raft-config")).toList();
    assertThat(calls).hasSize(1);
    SpanData call = calls.get(0);
    assertThat(call.getParentSpanContext().isValid()).isFalse();
    assertThat(call.getAttributes().get(AttributeKey.stringKey("vault.raft.operation")))
        .isEqualTo("readRaftConfig");
    assertThat(call.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");

    List<SpanData> attempts = spans.stream().filter(s -> s != call).toList();
    assertThat(attempts).hasSize(2);
    for (SpanData attempt : attempts) {
      assertThat(attempt.getName()).isEqualTo("GET");
      assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());
      assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId());
      assertThat(attempt.getAttributes().get(AttributeKey.stringKey("http.request.method")))
          .isEqualTo("GET");
      assertThat(attempt.getAttributes().get(AttributeKey.stringKey("url.full")))
          .isEqualTo(vault.address() + "v1/sys/storage/raft/configuration");
    }
    assertThat(
            attempts
                .get(0)
                .getAttributes()
                .get(AttributeKey.stringKey("http.response.status_code")))
        .isEqualTo("503");
    assertThat(
            attempts
                .get(0)
                .getAttributes()
                .get(AttributeKey.stringKey("http.request.resend_count")))
        .isNull();
    assertThat(
            attempts
                .get(1)
                .getAttributes()
                .get(AttributeKey.stringKey("http.request.resend_count")))
        .isEqualTo("1");

    // Each attempt carried its own span's context to Vault.
    for (SpanData attempt : attempts) {
      RecordedRequest request = vault.server().takeRequest();
      assertThat(request.getHeader("traceparent"))
          .isEqualTo("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-01");
    }
  }
}
