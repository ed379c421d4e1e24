package io.github.vaultx.raft.examples;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.EnterpriseOnlyException;
import io.github.vaultx.raft.VaultRaftClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The auto-snapshot sections, in the seed's order: read status, read config, list configs, create
 * or update, delete. Automated snapshots need Vault Enterprise; against the open-source server each
 * call ends in an {@link EnterpriseOnlyException}, which this example prints.
 */
public final class AutoSnapshots {
  private AutoSnapshots() {}

  /** Runs every auto-snapshot call against {@code client}, printing each answer or error. */
  public static void run(VaultRaftClient client) {
    String name = "my-local-auto-snapshot";
    show("readRaftAutoSnapshotStatus", () -> client.readRaftAutoSnapshotStatus(name));
    show("readRaftAutoSnapshotConfig", () -> client.readRaftAutoSnapshotConfig(name));
    show("listRaftAutoSnapshotConfigs", client::listRaftAutoSnapshotConfigs);
    show(
        "createOrUpdateRaftAutoSnapshotConfig",
        () -> {
          client.createOrUpdateRaftAutoSnapshotConfig(
              name,
              AutoSnapshotConfig.local(Duration.ofDays(1), "/opt/vault/backups", 100_000)
                  .retain(5)
                  .filePrefix("vault-raft-auto-snapshot")
                  .build());
          return "written";
        });
    show(
        "deleteRaftAutoSnapshotConfig",
        () -> {
          client.deleteRaftAutoSnapshotConfig(name);
          return "deleted";
        });
  }

  private static void show(String call, Supplier<?> action) {
    try {
      System.out.println(call + " -> " + action.get());
    } catch (EnterpriseOnlyException e) {
      System.out.println(call + " -> Enterprise only: " + e.getMessage());
    }
  }

  /** Entry point; reads {@code VAULT_ADDR} and {@code VAULT_TOKEN}. */
  public static void main(String[] args) {
    try (VaultRaftClient client = VaultRaftClient.fromEnvironment()) {
      run(client);
    }
  }
}
