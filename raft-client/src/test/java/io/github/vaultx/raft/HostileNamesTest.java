package io.github.vaultx.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import io.github.vaultx.raft.internal.MockVault;
import io.github.vaultx.raft.testing.VaultResponses;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * Arbitrary strings as auto-snapshot names and server ids never reach another Vault path: either
 * the request goes to exactly the expected prefix plus one segment that decodes back to the name
 * (or the id travels in the JSON body), or the call is refused with an IllegalArgumentException
 * before anything is sent.
 */
class HostileNamesTest {
  static final String CONFIG_PREFIX = "/v1/sys/storage/raft/snapshot-auto/config/";
  static final String STATUS_PREFIX = "/v1/sys/storage/raft/snapshot-auto/status/";
  static final String AUTO_LOAD_PREFIX = "/v1/sys/storage/raft/snapshot-auto/snapshot-load/";
  static final String LOADED_PREFIX = "/v1/sys/storage/raft/snapshot-load/";

  /**
   * The mock answers every request with 404. jqwik runs no JUnit Jupiter extension, so the
   * container's hooks start and close it.
   */
  static MockVault vault;

  static MockWebServer server;
  static VaultRaftClient client;

  @BeforeContainer
  static void start() throws Exception {
    vault =
        MockVault.create(
                mock ->
                    mock.setDispatcher(
                        new Dispatcher() {
                          @Override
                          public MockResponse dispatch(RecordedRequest request) {
                            return VaultResponses.vaultError(404, "nope");
                          }
                        }))
            .start();
    server = vault.server();
    client = vault.client();
  }

  @AfterContainer
  static void stop() throws Exception {
    vault.close();
  }

  /** Plain text, path tricks, encodings and any char at all, lone surrogates included. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> fragments =
        Arbitraries.of(
                "/",
                "..",
                ".",
                "%2F",
                "%2f",
                "%2e",
                "%2E%2E",
                "%",
                "?",
                "?list=true",
                "#",
                "\\",
                ";",
                ":",
                "@",
                "&",
                "=",
                "+",
                "~",
                "sys",
                "seal",
                "daily",
                "a",
                "\u0000",
                "\n",
                "\r\n",
                " ",
                "\t",
                "\u00a0",
                "\u2028",
                "\u2215",
                "\uff0f",
                "\uff0e",
                "\ud800",
                "\udc00",
                "\ud83d\ude00",
                "é",
                "日本")
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .map(parts -> String.join("", parts));
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(16);
    Arbitrary<String> urlChars =
        Arbitraries.strings().withChars("./%?#\\;:@&=+$,aZ09~-_!*'()[]").ofMaxLength(12);
    return Arbitraries.oneOf(fragments, anyChars, urlChars);
  }

  @Provide
  Arbitrary<NameCall> nameCalls() {
    AutoSnapshotConfig local = AutoSnapshotConfig.local(Duration.ofHours(1), "/b", 0).build();
    return Arbitraries.of(
        new NameCall("GET", STATUS_PREFIX, "name", VaultRaftClient::readRaftAutoSnapshotStatus),
        new NameCall("GET", CONFIG_PREFIX, "name", VaultRaftClient::readRaftAutoSnapshotConfig),
        new NameCall(
            "DELETE", CONFIG_PREFIX, "name", VaultRaftClient::deleteRaftAutoSnapshotConfig),
        new NameCall(
            "POST",
            CONFIG_PREFIX,
            "name",
            (c, n) -> c.createOrUpdateRaftAutoSnapshotConfig(n, local)),
        new NameCall(
            "POST", AUTO_LOAD_PREFIX, "name", (c, n) -> c.loadRaftAutoSnapshot(n, "s3://b/x")),
        new NameCall("GET", LOADED_PREFIX, "snapshotId", VaultRaftClient::readRaftLoadedSnapshot),
        new NameCall("DELETE", LOADED_PREFIX, "snapshotId", VaultRaftClient::unloadRaftSnapshot));
  }

  record NameCall(
      String method, String prefix, String parameter, BiConsumer<VaultRaftClient, String> call) {
    @Override
    public String toString() {
      return method + " " + prefix + ":name";
    }
  }

  @Property(tries = 200)
  void autoSnapshotNames_addressExactlyOneSegment_orAreRefusedBeforeSending(
      @ForAll("hostile") String name, @ForAll("nameCalls") NameCall call) throws Exception {
    int before = server.getRequestCount();
    RuntimeException failure = run(() -> call.call().accept(client, name));

    if (failure instanceof IllegalArgumentException) {
      assertThat(failure).hasMessageStartingWith(call.parameter() + " must ");
      assertThat(server.getRequestCount()).as("requests sent for a refused name").isEqualTo(before);
      return;
    }
    assertThat(server.getRequestCount()).isEqualTo(before + 1);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getMethod()).isEqualTo(call.method());
    String target = request.getPath();
    assertThat(target).startsWith(call.prefix());
    String segment = target.substring(call.prefix().length());
    assertThat(segment).isNotEmpty().doesNotContain("/", "?", "#");
    String decoded = percentDecode(segment);
    assertThat(decoded).as("the segment %s decodes back to the name", segment).isEqualTo(name);
    assertThat(decoded).isNotIn(".", "..").doesNotContain("/", "\\");
  }

  @Provide
  Arbitrary<String> hostilePaths() {
    return hostile().list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
  }

  /**
   * A secrets engine path for recovery is sent with its slashes as they are, so every segment must
   * arrive exactly as given and none may step out of {@code /v1/}; anything else is refused first.
   */
  @Property(tries = 200)
  void recoveryPaths_arriveSegmentForSegment_orAreRefusedBeforeSending(
      @ForAll("hostilePaths") String path, @ForAll boolean recover) throws Exception {
    arrivesSegmentForSegmentOrIsRefused(path, recover);
  }

  /**
   * A first segment that reads like a URL scheme ({@code a.:}), which the property above once found
   * Retrofit refusing as a malformed URL: such paths are legal and must arrive as they are.
   */
  @Example
  void recoveryPaths_whoseFirstSegmentLooksLikeAScheme_arriveSegmentForSegment() throws Exception {
    for (String path : new String[] {"a.:", "secret:v2/key:x", "a+b-c.d:/e"}) {
      for (boolean recover : new boolean[] {false, true}) {
        assertThat(arrivesSegmentForSegmentOrIsRefused(path, recover)).as(path).isTrue();
      }
    }
  }

  /** Returns whether the call was sent (and checked); a refusal is checked before it returns. */
  private static boolean arrivesSegmentForSegmentOrIsRefused(String path, boolean recover)
      throws Exception {
    int before = server.getRequestCount();
    RuntimeException failure =
        run(
            () -> {
              if (recover) {
                client.recoverFromLoadedSnapshot("snap-1", path);
              } else {
                client.readFromLoadedSnapshot("snap-1", path);
              }
            });

    if (failure instanceof IllegalArgumentException) {
      assertThat(failure).hasMessageStartingWith("path");
      assertThat(server.getRequestCount()).isEqualTo(before);
      return false;
    }
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getMethod()).isEqualTo(recover ? "RECOVER" : "GET");
    String target = request.getRequestUrl().encodedPath();
    assertThat(target).startsWith("/v1/");
    String[] sent = target.substring(4).split("/", -1);
    String[] given = path.split("/", -1);
    assertThat(sent).hasSameSizeAs(given);
    for (int i = 0; i < sent.length; i++) {
      assertThat(percentDecode(sent[i])).isEqualTo(given[i]).isNotIn("", ".", "..");
    }
    return true;
  }

  @Provide
  Arbitrary<String> hostileIds() {
    return hostile();
  }

  @Property(tries = 100)
  void nodeIds_travelOnlyInTheBodyOfRemovePeer_orAreRefusedBeforeSending(
      @ForAll("hostileIds") String id) throws Exception {
    int before = server.getRequestCount();
    RuntimeException failure = run(() -> client.removeRaftNode(id));

    if (failure instanceof IllegalArgumentException) {
      assertThat(failure).hasMessageStartingWith("nodeId must ");
      assertThat(server.getRequestCount()).isEqualTo(before);
      return;
    }
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getRequestLine())
        .isEqualTo("POST /v1/sys/storage/raft/remove-peer HTTP/1.1");
    Map<?, ?> body =
        new Moshi.Builder().build().adapter(Map.class).fromJson(request.getBody().readUtf8());
    assertThat(body).isEqualTo(Map.of("server_id", id));
  }

  private static @Nullable RuntimeException run(Runnable call) {
    try {
      call.run();
      return null;
    } catch (IllegalArgumentException e) {
      return e;
    } catch (VaultRaftException e) {
      // The server's 404: the request was sent, which the caller checks.
      return e;
    }
  }

  /** Strict RFC 3986 percent-decoding as UTF-8 (no '+' for space, malformed input fails). */
  static String percentDecode(String segment) throws CharacterCodingException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        assertThat(i + 2).as("a complete escape").isLessThan(segment.length());
        bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        assertThat(c).as("raw request-target chars are ASCII").isLessThan((char) 0x80);
        bytes.write(c);
      }
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
        .toString();
  }
}
