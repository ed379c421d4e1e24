package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AutopilotConfig;
import io.github.vaultx.raft.AutopilotServer;
import io.github.vaultx.raft.AutopilotState;
import io.github.vaultx.raft.LoadedSnapshot;
import io.github.vaultx.raft.RaftConfiguration;
import io.github.vaultx.raft.RaftJoinRequest;
import io.github.vaultx.raft.RaftServer;
import io.github.vaultx.raft.VaultDurations;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotStatusWire;
import io.github.vaultx.raft.internal.generated.model.RaftAutopilotConfigurationRequestWire;
import io.github.vaultx.raft.internal.generated.model.RaftAutopilotConfigurationWire;
import io.github.vaultx.raft.internal.generated.model.RaftAutopilotServerWire;
import io.github.vaultx.raft.internal.generated.model.RaftAutopilotStateWire;
import io.github.vaultx.raft.internal.generated.model.RaftConfigurationWire;
import io.github.vaultx.raft.internal.generated.model.RaftJoinRequestWire;
import io.github.vaultx.raft.internal.generated.model.RaftLoadedSnapshotWire;
import io.github.vaultx.raft.internal.generated.model.RaftServerWire;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns generated wire models into the public records and back. A value Vault may leave out is
 * {@code null} when it does (ADR 11); a required field it left out anyway becomes the type's empty
 * value; a value that cannot be parsed is a {@link MalformedResponse}.
 */
final class WireMapper {
  /** Go's zero time, which Vault sends for "never". */
  static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private WireMapper() {}

  /** A response body that parsed as JSON but not as what Vault promises. */
  public static final class MalformedResponse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedResponse(String message) {
      super(message);
    }
  }

  /** Maps {@code data.config} of the configuration response. */
  public static RaftConfiguration raftConfiguration(@Nullable RaftConfigurationWire config) {
    if (config == null) {
      throw new MalformedResponse("the response has no data.config");
    }
    List<RaftServer> servers = new ArrayList<>();
    if (config.getServers() != null) {
      for (RaftServerWire s : config.getServers()) {
        servers.add(
            new RaftServer(
                orEmpty(s.getNodeId()),
                orEmpty(s.getAddress()),
                Boolean.TRUE.equals(s.getLeader()),
                Boolean.TRUE.equals(s.getVoter()),
                orEmpty(s.getProtocolVersion())));
      }
    }
    return new RaftConfiguration(config.getIndex() == null ? 0 : config.getIndex(), servers);
  }

  /** Maps {@code data} of the autopilot state response. */
  public static AutopilotState autopilotState(@Nullable RaftAutopilotStateWire state) {
    if (state == null) {
      throw new MalformedResponse("the response has no data");
    }
    Map<String, AutopilotServer> servers = new LinkedHashMap<>();
    if (state.getServers() != null) {
      state.getServers().forEach((id, server) -> servers.put(id, autopilotServer(id, server)));
    }
    return new AutopilotState(
        Boolean.TRUE.equals(state.getHealthy()),
        state.getFailureTolerance() == null ? 0 : state.getFailureTolerance(),
        text(state.getLeader()),
        state.getVoters() == null ? List.of() : state.getVoters(),
        state.getNonVoters() == null ? List.of() : state.getNonVoters(),
        servers);
  }

  private static AutopilotServer autopilotServer(String key, RaftAutopilotServerWire s) {
    return new AutopilotServer(
        s.getId() == null ? key : s.getId(),
        orEmpty(s.getName()),
        orEmpty(s.getAddress()),
        orEmpty(s.getNodeStatus()),
        s.getLastContact() == null
            ? Duration.ZERO
            : duration(s.getLastContact(), "servers." + key + ".last_contact"),
        s.getLastTerm() == null ? 0 : s.getLastTerm(),
        s.getLastIndex() == null ? 0 : s.getLastIndex(),
        Boolean.TRUE.equals(s.getHealthy()),
        instant(s.getStableSince(), "servers." + key + ".stable_since"),
        orEmpty(s.getStatus()),
        orEmpty(s.getVersion()),
        orEmpty(s.getNodeType()));
  }

  /** Maps {@code data} of the autopilot configuration response. */
  public static AutopilotConfig autopilotConfig(@Nullable RaftAutopilotConfigurationWire c) {
    if (c == null) {
      throw new MalformedResponse("the response has no data");
    }
    return new AutopilotConfig(
        c.getCleanupDeadServers(),
        optionalDuration(c.getLastContactThreshold(), "last_contact_threshold"),
        optionalDuration(
            c.getDeadServerLastContactThreshold(), "dead_server_last_contact_threshold"),
        c.getMaxTrailingLogs(),
        c.getMinQuorum(),
        optionalDuration(c.getServerStabilizationTime(), "server_stabilization_time"),
        c.getDisableUpgradeMigration());
  }

  /** Builds the update request with only the fields that are set. */
  public static RaftAutopilotConfigurationRequestWire autopilotRequest(AutopilotConfig c) {
    RaftAutopilotConfigurationRequestWire r = new RaftAutopilotConfigurationRequestWire();
    r.setCleanupDeadServers(c.cleanupDeadServers());
    r.setLastContactThreshold(format(c.lastContactThreshold()));
    r.setDeadServerLastContactThreshold(format(c.deadServerLastContactThreshold()));
    r.setMaxTrailingLogs(c.maxTrailingLogs());
    r.setMinQuorum(c.minQuorum());
    r.setServerStabilizationTime(format(c.serverStabilizationTime()));
    r.setDisableUpgradeMigration(c.disableUpgradeMigration());
    return r;
  }

  /** The autopilot update with a DR secondary's operation token, which goes into the body. */
  public static RaftAutopilotConfigurationRequestWire autopilotRequest(
      AutopilotConfig c, String drOperationToken) {
    RaftAutopilotConfigurationRequestWire r = autopilotRequest(c);
    r.setDrOperationToken(drOperationToken);
    return r;
  }

  /** Builds the join request with only the fields that are set. */
  public static RaftJoinRequestWire joinRequest(RaftJoinRequest j) {
    return new RaftJoinRequestWire()
        .leaderApiAddr(j.leaderApiAddr())
        .retry(j.retry())
        .leaderCaCert(j.leaderCaCert())
        .leaderClientCert(j.leaderClientCert())
        .leaderClientKey(j.leaderClientKey())
        .leaderTlsServername(j.leaderTlsServerName())
        .autoJoin(j.autoJoin())
        .autoJoinScheme(j.autoJoinScheme())
        .autoJoinPort(j.autoJoinPort())
        .nonVoter(j.nonVoter());
  }

  /** Maps {@code data} of the auto-snapshot status response. */
  public static AutoSnapshotStatus autoSnapshotStatus(@Nullable RaftAutoSnapshotStatusWire s) {
    if (s == null) {
      throw new MalformedResponse("the response has no data");
    }
    return new AutoSnapshotStatus(
        s.getConsecutiveErrors() == null ? 0 : s.getConsecutiveErrors(),
        instant(s.getLastSnapshotStart(), "last_snapshot_start"),
        instant(s.getLastSnapshotEnd(), "last_snapshot_end"),
        text(s.getLastSnapshotError()),
        text(s.getLastSnapshotUrl()),
        instant(s.getNextSnapshotStart(), "next_snapshot_start"),
        instant(s.getSnapshotStart(), "snapshot_start"),
        text(s.getSnapshotUrl()));
  }

  /** Maps {@code data} of a snapshot-load answer. */
  public static LoadedSnapshot loadedSnapshot(@Nullable RaftLoadedSnapshotWire s) {
    if (s == null) {
      throw new MalformedResponse("the response has no data");
    }
    String id = text(s.getSnapshotId());
    String status = text(s.getStatus());
    if (id == null || status == null) {
      throw new MalformedResponse("the loaded snapshot has no snapshot_id or status");
    }
    return new LoadedSnapshot(
        id,
        status,
        text(s.getClusterId()),
        text(s.getError()),
        instant(s.getCreatedAt(), "created_at"),
        instant(s.getExpiresAt(), "expires_at"));
  }

  /** Maps {@code data} of the auto-snapshot config response, Vault's parameter map. */
  public static AutoSnapshotConfig autoSnapshotConfig(@Nullable Map<String, Object> data) {
    if (data == null) {
      throw new MalformedResponse("the response has no data");
    }
    try {
      return AutoSnapshotConfig.fromVaultParameters(data);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponse("the auto-snapshot configuration is unusable: " + e.getMessage());
    }
  }

  private static @Nullable Duration optionalDuration(@Nullable String text, String field) {
    return text == null || text.isBlank() ? null : duration(text, field);
  }

  private static Duration duration(String text, String field) {
    try {
      return VaultDurations.parse(text, field);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponse(field + " is not a duration");
    }
  }

  private static @Nullable String format(@Nullable Duration duration) {
    return duration == null ? null : VaultDurations.format(duration);
  }

  static @Nullable Instant instant(@Nullable String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(text.trim()).toInstant();
      return instant.equals(GO_ZERO_TIME) ? null : instant;
    } catch (DateTimeParseException e) {
      throw new MalformedResponse(field + " is not an RFC 3339 time");
    }
  }

  private static @Nullable String text(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
