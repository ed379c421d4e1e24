package io.github.vaultx.raft;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One server as autopilot sees it. {@code nodeStatus}, {@code status} and {@code nodeType} are
 * Vault's own words (for example {@code alive}, {@code leader}, {@code voter}) and may grow, so
 * they are strings rather than enums.
 *
 * @param nodeId the Raft node id (the key of {@link AutopilotState#servers()})
 * @param name the server name
 * @param address the cluster address ({@code host:port})
 * @param nodeStatus for example {@code alive}, {@code left} or {@code failed}
 * @param lastContact how long since the leader last heard from the server
 * @param lastTerm the last Raft term the server knows
 * @param lastIndex the last Raft index the server has
 * @param healthy whether autopilot considers the server healthy
 * @param stableSince since when the server has been stable, or null when Vault did not say
 * @param status for example {@code leader}, {@code voter} or {@code non-voter}
 * @param version the server's version
 * @param nodeType for example {@code voter}, or an Enterprise type such as {@code zone-voter}
 */
public record AutopilotServer(
    String nodeId,
    String name,
    String address,
    String nodeStatus,
    Duration lastContact,
    long lastTerm,
    long lastIndex,
    boolean healthy,
    @Nullable Instant stableSince,
    String status,
    String version,
    String nodeType) {

  /**
   * Checks that no required component is null.
   *
   * @param nodeId the Raft node id
   * @param name the server name
   * @param address the cluster address ({@code host:port})
   * @param nodeStatus for example {@code alive}, {@code left} or {@code failed}
   * @param lastContact how long since the leader last heard from the server
   * @param lastTerm the last Raft term the server knows
   * @param lastIndex the last Raft index the server has
   * @param healthy whether autopilot considers the server healthy
   * @param stableSince since when the server has been stable, or null when Vault did not say
   * @param status for example {@code leader}, {@code voter} or {@code non-voter}
   * @param version the server's version
   * @param nodeType for example {@code voter}, or an Enterprise type such as {@code zone-voter}
   */
  public AutopilotServer {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(nodeStatus, "nodeStatus");
    Objects.requireNonNull(lastContact, "lastContact");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(nodeType, "nodeType");
  }
}
