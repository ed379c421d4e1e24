package io.github.vaultx.raft;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The autopilot configuration. When read, Vault fills every field it knows; when written with
 * {@link VaultRaftClient#updateRaftAutopilotConfig(AutopilotConfig)}, only the non-null fields are
 * sent and Vault keeps the others.
 *
 * @param cleanupDeadServers remove dead servers automatically (needs {@code minQuorum >= 3})
 * @param lastContactThreshold how long a server may go without contact before it is unhealthy
 * @param deadServerLastContactThreshold how long without contact before a server counts as dead (at
 *     least one minute)
 * @param maxTrailingLogs how many log entries a server may lag before it is unhealthy
 * @param minQuorum the fewest voters dead-server cleanup may leave
 * @param serverStabilizationTime how long a new server must be healthy before it may vote
 * @param disableUpgradeMigration Vault Enterprise only: turn off automated upgrades
 */
public record AutopilotConfig(
    @Nullable Boolean cleanupDeadServers,
    @Nullable Duration lastContactThreshold,
    @Nullable Duration deadServerLastContactThreshold,
    @Nullable Long maxTrailingLogs,
    @Nullable Integer minQuorum,
    @Nullable Duration serverStabilizationTime,
    @Nullable Boolean disableUpgradeMigration) {

  /**
   * Checks that durations and counts are not negative.
   *
   * @param cleanupDeadServers remove dead servers automatically (needs {@code minQuorum >= 3})
   * @param lastContactThreshold how long a server may go without contact before it is unhealthy
   * @param deadServerLastContactThreshold how long without contact before a server counts as dead
   *     (at least one minute)
   * @param maxTrailingLogs how many log entries a server may lag before it is unhealthy
   * @param minQuorum the fewest voters dead-server cleanup may leave
   * @param serverStabilizationTime how long a new server must be healthy before it may vote
   * @param disableUpgradeMigration Vault Enterprise only: turn off automated upgrades
   */
  public AutopilotConfig {
    requireNotNegative(lastContactThreshold, "lastContactThreshold");
    requireNotNegative(deadServerLastContactThreshold, "deadServerLastContactThreshold");
    requireNotNegative(serverStabilizationTime, "serverStabilizationTime");
    if (maxTrailingLogs != null && maxTrailingLogs < 0) {
      throw new IllegalArgumentException("maxTrailingLogs must not be negative");
    }
    if (minQuorum != null && minQuorum < 0) {
      throw new IllegalArgumentException("minQuorum must not be negative");
    }
  }

  private static void requireNotNegative(@Nullable Duration value, String name) {
    if (value != null && value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }

  /**
   * Starts a configuration with every field unset.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AutopilotConfig}; fields left unset are not sent. */
  public static final class Builder {
    private @Nullable Boolean cleanupDeadServers;
    private @Nullable Duration lastContactThreshold;
    private @Nullable Duration deadServerLastContactThreshold;
    private @Nullable Long maxTrailingLogs;
    private @Nullable Integer minQuorum;
    private @Nullable Duration serverStabilizationTime;
    private @Nullable Boolean disableUpgradeMigration;

    private Builder() {}

    /**
     * Sets {@code cleanup_dead_servers}.
     *
     * @param value whether to remove dead servers automatically
     * @return this builder
     */
    public Builder cleanupDeadServers(boolean value) {
      this.cleanupDeadServers = value;
      return this;
    }

    /**
     * Sets {@code last_contact_threshold}.
     *
     * @param value the threshold
     * @return this builder
     */
    public Builder lastContactThreshold(Duration value) {
      this.lastContactThreshold = value;
      return this;
    }

    /**
     * Sets {@code dead_server_last_contact_threshold}.
     *
     * @param value the threshold, at least one minute
     * @return this builder
     */
    public Builder deadServerLastContactThreshold(Duration value) {
      this.deadServerLastContactThreshold = value;
      return this;
    }

    /**
     * Sets {@code max_trailing_logs}.
     *
     * @param value the number of log entries
     * @return this builder
     */
    public Builder maxTrailingLogs(long value) {
      this.maxTrailingLogs = value;
      return this;
    }

    /**
     * Sets {@code min_quorum}.
     *
     * @param value the fewest voters
     * @return this builder
     */
    public Builder minQuorum(int value) {
      this.minQuorum = value;
      return this;
    }

    /**
     * Sets {@code server_stabilization_time}.
     *
     * @param value the time
     * @return this builder
     */
    public Builder serverStabilizationTime(Duration value) {
      this.serverStabilizationTime = value;
      return this;
    }

    /**
     * Sets {@code disable_upgrade_migration} (Vault Enterprise only).
     *
     * @param value whether to turn off automated upgrades
     * @return this builder
     */
    public Builder disableUpgradeMigration(boolean value) {
      this.disableUpgradeMigration = value;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a duration or count is negative
     */
    public AutopilotConfig build() {
      return new AutopilotConfig(
          cleanupDeadServers,
          lastContactThreshold,
          deadServerLastContactThreshold,
          maxTrailingLogs,
          minQuorum,
          serverStabilizationTime,
          disableUpgradeMigration);
    }
  }
}
