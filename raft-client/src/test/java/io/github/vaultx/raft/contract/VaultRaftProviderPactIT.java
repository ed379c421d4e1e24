package io.github.vaultx.raft.contract;

import static io.github.vaultx.raft.contract.VaultRaftPactTest.CLUSTER;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.CONFIG_ABSENT;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.CONFIG_EXISTS;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.ENTERPRISE;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.FOLLOWER;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.KV_IN_LOADED;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.LOADED;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.NON_VOTER;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.NO_CONFIGS;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.NO_PERMISSION;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.OPEN_SOURCE;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.PROMOTE_NOT_SERVED;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.PROMOTE_SERVED;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.SEALED;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.SNAPSHOT;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.SPARE;
import static io.github.vaultx.raft.contract.VaultRaftPactTest.VOTER;
import static org.awaitility.Awaitility.await;

import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.StateChangeAction;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.vaultx.raft.testing.SysApi;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.TestAbortedException;

/**
 * Verifies the consumer pact ({@code VaultRaftPactTest}) against a real server: a freshly started
 * local Raft cluster, or the server named by {@code VAULTX_PACT_VAULT_ADDR} and {@code
 * VAULTX_PACT_VAULT_TOKEN}. Every provider state is set up for real; the token is injected into
 * each request here, so the pact never holds one. Interactions the server cannot serve (Enterprise
 * ones on open source) are aborted with the reason printed, and counted: none is dropped silently.
 */
@Provider(VaultRaftPactTest.PROVIDER)
@PactFolder("target/pacts")
class VaultRaftProviderPactIT {
  private static final String AUTO_SNAPSHOT_DIR = "/tmp/vaultx-pact-auto-snapshots";

  private static final SysApi SYS = SysApi.create();
  private static ServerUnderTest server;
  private static final AtomicInteger VERIFIED = new AtomicInteger();
  private static final List<String> SKIPPED_ENTERPRISE = new ArrayList<>();
  private static final List<String> SKIPPED_OTHER = new ArrayList<>();
  private static final Set<String> SEEN = new LinkedHashSet<>();

  /** The token for the current interaction; a weaker one for the permission-denied state. */
  private String token;

  private byte[] snapshot;
  private String removedFollower;

  @BeforeAll
  static void startServer() {
    server = ServerUnderTest.start(System.getenv());
    System.out.println("pact verification against " + server.description());
  }

  @AfterAll
  static void stopServerAndReport() {
    try {
      int total = pactInteractionCount();
      int verified = VERIFIED.get();
      int skipped = SKIPPED_ENTERPRISE.size() + SKIPPED_OTHER.size();
      System.out.printf(
          "pact verification: %d verified, %d skipped (Enterprise)%s, against %s%n",
          verified,
          SKIPPED_ENTERPRISE.size(),
          SKIPPED_OTHER.isEmpty() ? "" : ", " + SKIPPED_OTHER.size() + " skipped (other)",
          server.description());
      SKIPPED_ENTERPRISE.forEach(s -> System.out.println("  skipped (Enterprise): " + s));
      SKIPPED_OTHER.forEach(s -> System.out.println("  skipped: " + s));
      if (verified + skipped != total) {
        System.out.printf(
            "  %d of %d interactions neither verified nor skipped: see the failures above%n",
            total - verified - skipped, total);
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private static int pactInteractionCount() {
    try {
      int count = 0;
      try (var files = Files.list(Path.of("target/pacts"))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
          JsonNode pact = OpenApiDocument.JSON.readTree(file.toFile());
          if (VaultRaftPactTest.PROVIDER.equals(pact.path("provider").path("name").asText())) {
            count += pact.path("interactions").size();
          }
        }
      }
      return count;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeEach
  void chooseTarget(PactVerificationContext context) {
    Interaction interaction = context.getInteraction();
    String description = interaction.getDescription();
    if (!SEEN.add(description)) {
      throw new IllegalStateException("two interactions share the description " + description);
    }
    Set<String> states = states(interaction);
    if (states.contains(ENTERPRISE) && !server.enterprise()) {
      skip(SKIPPED_ENTERPRISE, description, "needs Vault Enterprise, the server is open source");
    }
    if (states.contains(OPEN_SOURCE) && server.enterprise()) {
      skip(SKIPPED_OTHER, description, "shows the open-source answer, the server is Enterprise");
    }
    boolean promote = server.flavour().servesPromoteAndDemote();
    if (states.contains(PROMOTE_SERVED) && !promote) {
      skip(SKIPPED_OTHER, description, "the server does not serve promote and demote (Vault)");
    }
    if (states.contains(PROMOTE_NOT_SERVED) && promote) {
      skip(SKIPPED_OTHER, description, "the server serves promote and demote (OpenBao)");
    }
    for (String state : states) {
      Optional<String> reason = server.cannotProvide(state);
      if (reason.isPresent()) {
        skip(SKIPPED_OTHER, description, reason.get());
      }
    }
    token = server.token();
    context.setTarget(target(nodeFor(interaction, states)));
  }

  /**
   * The join goes to the spare node, the sealed-node read to the node that gets sealed, plain reads
   * to a standby (which forwards them, as clients meet it behind a load balancer), and the rest to
   * the active node (a standby would redirect snapshots).
   */
  private static URI nodeFor(Interaction interaction, Set<String> states) {
    if (states.contains(SPARE)) {
      return server.spare();
    }
    if (states.contains(SEALED)) {
      return server.sealable();
    }
    String method = interaction.asSynchronousRequestResponse().getRequest().getMethod();
    String path = interaction.asSynchronousRequestResponse().getRequest().getPath();
    if (states.equals(Set.of(CLUSTER)) && method.equals("GET") && !path.endsWith("/snapshot")) {
      return server.standby();
    }
    return server.active();
  }

  private static HttpTestTarget target(URI node) {
    return new HttpTestTarget(node.getHost(), node.getPort(), "/");
  }

  private static Set<String> states(Interaction interaction) {
    Set<String> names = new LinkedHashSet<>();
    for (ProviderState state : interaction.getProviderStates()) {
      names.add(state.getName());
    }
    return names;
  }

  private static void skip(List<String> list, String description, String reason) {
    String line = "'" + description + "': " + reason;
    synchronized (list) {
      list.add(line);
    }
    System.out.println("pact interaction skipped: " + line);
    throw new TestAbortedException(reason);
  }

  @TestTemplate
  @ExtendWith(PactVerificationInvocationContextProvider.class)
  void verify(PactVerificationContext context, HttpRequest request) {
    Set<String> states = states(context.getInteraction());
    if (!states.contains(SPARE)) {
      // join needs no token, and the client sends none
      request.setHeader("X-Vault-Token", token);
    }
    if (states.contains(SNAPSHOT)) {
      // The pact's snapshot is a stand-in: restore one this cluster really produced.
      ((ClassicHttpRequest) request)
          .setEntity(new ByteArrayEntity(snapshot, ContentType.APPLICATION_OCTET_STREAM));
    }
    context.verifyInteraction();
    VERIFIED.incrementAndGet();
  }

  // ---- provider states -------------------------------------------------------------------------

  /** The follower whose vote a promote/demote interaction changes, until its teardown. */
  private @org.jspecify.annotations.Nullable String voteChanged;

  @State(CLUSTER)
  void cluster() {
    await("an active node")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> SYS.health(server.active()) == 200);
  }

  @State(SEALED)
  void sealed() {
    server.seal();
  }

  @State(value = SEALED, action = StateChangeAction.TEARDOWN)
  void unsealed() {
    server.unseal();
  }

  @State(NO_PERMISSION)
  void tokenWithoutRaftPermission() {
    SYS.ok(
        "PUT",
        server.active(),
        "sys/policies/acl/vaultx-pact-no-raft",
        server.token(),
        Map.of("policy", "path \"sys/mounts\" { capabilities = [\"read\"] }"));
    String created =
        SYS.ok(
            "POST",
            server.active(),
            "auth/token/create",
            server.token(),
            Map.of(
                "policies",
                List.of("vaultx-pact-no-raft"),
                "no_default_policy",
                true,
                "ttl",
                "5m"));
    token = json(created).path("auth").path("client_token").asText();
  }

  @State(SPARE)
  Map<String, Object> spareNode() {
    return Map.of("leaderApiAddr", server.active().toString());
  }

  @State(value = SPARE, action = StateChangeAction.TEARDOWN)
  void spareNodeReset() {
    server.resetSpare();
  }

  @State(FOLLOWER)
  Map<String, Object> follower(Map<String, Object> params) {
    removedFollower = server.removableFollower();
    return Map.of("id", removedFollower);
  }

  @State(value = FOLLOWER, action = StateChangeAction.TEARDOWN)
  void followerBack(Map<String, Object> params) {
    if (removedFollower != null) {
      server.restoreFollower(removedFollower);
      removedFollower = null;
    }
  }

  @State(SNAPSHOT)
  void snapshotOfThisCluster() {
    snapshot = SYS.snapshot(server.active(), server.token());
  }

  @State(value = SNAPSHOT, action = StateChangeAction.TEARDOWN)
  void restoreApplied() {
    // Vault applies a restore after answering: let it settle before the next interaction.
    await("the cluster to serve again after the restore")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                SYS.send(
                            "GET",
                            server.active(),
                            "sys/storage/raft/configuration",
                            server.token(),
                            null)
                        .status()
                    == 200);
  }

  @State(ENTERPRISE)
  void enterprise() {
    // Skipped in chooseTarget unless the server is Enterprise; nothing to set up.
  }

  @State(OPEN_SOURCE)
  void openSource() {
    // Skipped in chooseTarget if the server is Enterprise; nothing to set up.
  }

  @State(PROMOTE_SERVED)
  void promoteServed() {
    // Skipped in chooseTarget unless the server serves promote and demote.
  }

  @State(PROMOTE_NOT_SERVED)
  void promoteNotServed() {
    // Skipped in chooseTarget if the server serves promote and demote.
  }

  @State(VOTER)
  Map<String, Object> votingFollower() {
    voteChanged = votingFollowerId();
    return Map.of("id", voteChanged);
  }

  @State(value = VOTER, action = StateChangeAction.TEARDOWN)
  void votingAgain(Map<String, Object> params) {
    if (voteChanged != null) {
      // Whatever the interaction did: promote is refused harmlessly if it is a voter already.
      SYS.send(
          "POST",
          server.active(),
          "sys/storage/raft/promote",
          server.token(),
          nodeIdBody(voteChanged));
      voteChanged = null;
    }
    awaitVoters(3);
  }

  @State(NON_VOTER)
  Map<String, Object> nonVoter() {
    voteChanged = votingFollowerId();
    SYS.ok(
        "POST",
        server.active(),
        "sys/storage/raft/demote",
        server.token(),
        nodeIdBody(voteChanged));
    // OpenBao's autopilot applies the demotion a few seconds after the 204.
    awaitVoters(2);
    return Map.of("id", voteChanged);
  }

  @State(value = NON_VOTER, action = StateChangeAction.TEARDOWN)
  void nonVoterPromoted(Map<String, Object> params) {
    votingAgain(params);
  }

  /**
   * A follower that votes as autopilot sees it: OpenBao's promote and demote check autopilot's node
   * type, which changes at once, while the Raft configuration follows seconds later.
   */
  private static String votingFollowerId() {
    JsonNode state = autopilotState();
    String leader = state.path("leader").asText();
    for (var entries = state.path("servers").fields(); entries.hasNext(); ) {
      var entry = entries.next();
      if (!entry.getKey().equals(leader)
          && entry.getValue().path("node_type").asText().equals("voter")) {
        return entry.getKey();
      }
    }
    throw new IllegalStateException("no voting follower in the autopilot state: " + state);
  }

  private static JsonNode autopilotState() {
    return json(SYS.ok(
            "GET", server.active(), "sys/storage/raft/autopilot/state", server.token(), null))
        .path("data");
  }

  private static Map<String, Object> nodeIdBody(String id) {
    return Map.of("server_id", id);
  }

  /** Waits until the Raft configuration and autopilot both count {@code count} voters. */
  private static void awaitVoters(int count) {
    await(count + " voters in the Raft configuration and in autopilot")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              int voters = 0;
              for (JsonNode s :
                  json(SYS.ok(
                          "GET",
                          server.active(),
                          "sys/storage/raft/configuration",
                          server.token(),
                          null))
                      .path("data")
                      .path("config")
                      .path("servers")) {
                voters += s.path("voter").asBoolean() ? 1 : 0;
              }
              int nodeTypeVoters = 0;
              for (JsonNode s : autopilotState().path("servers")) {
                nodeTypeVoters += s.path("node_type").asText().equals("voter") ? 1 : 0;
              }
              return voters == count && nodeTypeVoters == count;
            });
  }

  @State(LOADED)
  Map<String, Object> loadedSnapshot() {
    // Only Vault Enterprise gets here (chooseTarget skips the interaction elsewhere).
    return Map.of("id", loadSnapshot());
  }

  @State(KV_IN_LOADED)
  Map<String, Object> secretInLoadedSnapshot(Map<String, Object> params) {
    String path = String.valueOf(params.get("path"));
    SYS.send(
        "POST",
        server.active(),
        "sys/mounts/" + path.substring(0, path.indexOf('/')),
        server.token(),
        Map.of("type", "kv", "options", Map.of("version", "1")));
    SYS.ok("POST", server.active(), path, server.token(), Map.of("password", "from-the-snapshot"));
    String id = loadSnapshot();
    SYS.ok("POST", server.active(), path, server.token(), Map.of("password", "changed-since"));
    return Map.of("id", id, "path", path);
  }

  /** Loads a snapshot of this cluster for recovery and waits until it is ready; its id. */
  private static String loadSnapshot() {
    byte[] bytes = SYS.snapshot(server.active(), server.token());
    String id =
        json(SYS.okBinary(
                "POST", server.active(), "sys/storage/raft/snapshot-load", server.token(), bytes))
            .path("data")
            .path("snapshot_id")
            .asText();
    await("snapshot " + id + " loaded")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                SYS.ok(
                        "GET",
                        server.active(),
                        "sys/storage/raft/snapshot-load/" + id,
                        server.token(),
                        null)
                    .contains("\"ready\""));
    return id;
  }

  @State(CONFIG_EXISTS)
  void autoSnapshotConfigExists(Map<String, Object> params) {
    SYS.ok(
        "POST",
        server.active(),
        "sys/storage/raft/snapshot-auto/config/" + params.get("name"),
        server.token(),
        Map.of(
            "interval",
            "24h",
            "storage_type",
            "local",
            "path_prefix",
            AUTO_SNAPSHOT_DIR,
            "retain",
            5,
            "file_prefix",
            "vault-raft-auto-snapshot",
            "local_max_space",
            100000));
  }

  @State(CONFIG_ABSENT)
  void autoSnapshotConfigAbsent(Map<String, Object> params) {
    SYS.ok(
        "DELETE",
        server.active(),
        "sys/storage/raft/snapshot-auto/config/" + params.get("name"),
        server.token(),
        null);
  }

  @State(NO_CONFIGS)
  void noAutoSnapshotConfigs() {
    SysApi.Response list =
        SYS.send(
            "GET",
            server.active(),
            "sys/storage/raft/snapshot-auto/config?list=true",
            server.token(),
            null);
    if (list.status() == 200) {
      for (JsonNode name : json(list.body()).path("data").path("keys")) {
        SYS.ok(
            "DELETE",
            server.active(),
            "sys/storage/raft/snapshot-auto/config/" + name.asText(),
            server.token(),
            null);
      }
    }
  }

  private static JsonNode json(String text) {
    try {
      return OpenApiDocument.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
