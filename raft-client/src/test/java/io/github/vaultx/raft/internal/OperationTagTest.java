package io.github.vaultx.raft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vaultx.raft.internal.generated.api.RaftApi;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** Interceptors read the operation from the request's tag and refuse a request without one. */
class OperationTagTest {
  private static final Request UNTAGGED =
      new Request.Builder().url("http://127.0.0.1:1/v1/sys/storage/raft/snapshot").build();

  @Test
  void of_requestWithoutTag_failsLoudlyNamingTheRequest() {
    assertThatThrownBy(() -> Operation.of(UNTAGGED))
        .isInstanceOf(Operation.MissingTagException.class)
        .hasMessageContaining("GET /v1/sys/storage/raft/snapshot carries no Operation tag");
  }

  @Test
  void of_requestWithAForeignTag_failsLoudly() {
    RaftApi.CallTag foreign = () -> "takeRaftSnapshot";
    Request request = UNTAGGED.newBuilder().tag(RaftApi.CallTag.class, foreign).build();
    assertThatThrownBy(() -> Operation.of(request))
        .isInstanceOf(Operation.MissingTagException.class);
  }

  @Test
  void of_taggedRequest_givesItsOperation() {
    Request request =
        UNTAGGED.newBuilder().tag(RaftApi.CallTag.class, Operation.TAKE_SNAPSHOT).build();
    assertThat(Operation.of(request)).isSameAs(Operation.TAKE_SNAPSHOT);
  }
}
