package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.SnapshotInfo;
import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The async client: reads the configuration and the autopilot state at once, then saves a snapshot,
 * without blocking a thread while Vault answers.
 */
public final class AsyncClientExample {
  private AsyncClientExample() {}

  /** Runs the calls through {@code client} and waits for the last one, as a program's end must. */
  public static SnapshotInfo run(VaultRaftAsyncClient client, Path snapshot) {
    CompletableFuture<RaftConfiguration> config = client.readRaftConfig();
    CompletableFuture<AutopilotState> state = client.readRaftAutopilotState();
    CompletableFuture<SnapshotInfo> saved =
        config
            .thenCombine(
                state,
                (c, s) -> {
                  System.out.println(
                      "async: readRaftConfig() -> "
                          + c.servers().size()
                          + " servers; readRaftAutopilotState() -> healthy="
                          + s.healthy());
                  return c;
                })
            .thenCompose(c -> client.takeRaftSnapshot(snapshot))
            .whenComplete(
                (info, failure) -> {
                  if (failure == null) {
                    System.out.println(
                        "async: takeRaftSnapshot("
                            + snapshot
                            + ") -> "
                            + info.sizeBytes()
                            + " bytes");
                  } else {
                    // The client's exception, wrapped by the stage that saw it.
                    Throwable cause =
                        failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    System.out.println("async: failed: " + cause.getMessage());
                  }
                });
    return saved.join();
  }

  /** Entry point; reads {@code VAULT_ADDR} and {@code VAULT_TOKEN}; saves to the argument. */
  public static void main(String[] args) {
    Path target = Path.of(args.length > 0 ? args[0] : "raft.snap");
    try (VaultRaftAsyncClient client = VaultRaftClient.builder().buildAsync()) {
      run(client, target);
    }
  }
}
