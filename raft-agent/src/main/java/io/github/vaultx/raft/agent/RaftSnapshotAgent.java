package io.github.vaultx.raft.agent;

import io.github.vaultx.raft.AutoSnapshotConfig;
import io.github.vaultx.raft.AutoSnapshotStatus;
import io.github.vaultx.raft.AwsS3AutoSnapshotConfig;
import io.github.vaultx.raft.AzureBlobAutoSnapshotConfig;
import io.github.vaultx.raft.GoogleGcsAutoSnapshotConfig;
import io.github.vaultx.raft.LocalAutoSnapshotConfig;
import io.github.vaultx.raft.VaultRaftAsyncClient;
import io.github.vaultx.raft.VaultRaftClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vault Enterprise's automated snapshots for any server the client can reach, Vault CE and OpenBao
 * included: each named {@link AutoSnapshotConfig} gets one snapshot per interval, streamed,
 * verified with {@link io.github.vaultx.raft.snapshot.RaftSnapshots#verify}, and only then stored
 * under {@code <file_prefix>-<unix seconds>.snap}; retention then deletes the oldest beyond {@code
 * retain}. A snapshot that fails leaves nothing behind and counts in {@link
 * AutoSnapshotStatus#consecutiveErrors()}.
 *
 * <pre>{@code
 * try (RaftSnapshotAgent agent =
 *     RaftSnapshotAgent.builder(client)
 *         .configuration("hourly", AutoSnapshotConfig.local(Duration.ofHours(1), "/backups", 10L << 30)
 *             .retain(24).build())
 *         .build()) {
 *   agent.start();
 *   ...
 *   AutoSnapshotStatus status = agent.status("hourly");
 * }
 * }</pre>
 *
 * <p>The first snapshot of each configuration is taken when the agent starts; the next ones on a
 * grid of one interval from that start, measured start to start, so a slow snapshot does not delay
 * the later ones. Every storage type is supported ({@code local}, {@code aws-s3}, {@code
 * google-gcs}, {@code azure-blob}; each cloud one needs its vendor's SDK on the class path); {@code
 * autoload_enabled}, parameters the agent does not know and those it cannot honour are refused by
 * {@link Builder#build()}, naming them.
 *
 * <p>Several agents for one cluster share one schedule with {@link Builder#lease(KvLease)}: exactly
 * one of them takes each interval's snapshot.
 *
 * <p>Thread-safe. {@link #close()} stops the schedule, lets a snapshot in flight finish within the
 * stop grace, and otherwise abandons it: its partial download is removed, so no partial snapshot is
 * ever stored.
 */
public final class RaftSnapshotAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftSnapshotAgent.class);

  private final Map<String, ConfigRun> runs;
  private final Map<String, SnapshotStore> stores;
  private final Clock clock;
  private final Duration stopGrace;
  private final ScheduledThreadPoolExecutor scheduler;
  private final @Nullable InetSocketAddress statusAddress;
  private final @Nullable String statusToken;
  private final @Nullable Supplier<String> scrape;
  private volatile @Nullable StatusServer statusServer;
  private volatile @Nullable Instant startedAt;
  private volatile boolean started;
  private volatile boolean stopping;

  private RaftSnapshotAgent(Builder builder) {
    this.clock = builder.clock;
    this.stopGrace = builder.stopGrace;
    this.statusAddress = builder.statusAddress;
    this.statusToken = builder.statusToken;
    VaultRaftAsyncClient async = builder.client.async();
    AgentMetrics metrics = builder.metrics;
    // MicrometerRecorder is named only through AgentMetrics: without metrics it is never loaded.
    Recorder recorder =
        metrics == null ? Recorder.NONE : metrics.recorder(builder.configurations.keySet());
    this.scrape = metrics == null ? null : metrics.scrape();
    Map<String, ConfigRun> byName = new LinkedHashMap<>();
    Map<String, SnapshotStore> storeByName = new LinkedHashMap<>();
    builder.configurations.forEach(
        (name, config) -> {
          String prefix = config.filePrefix() == null ? DEFAULT_FILE_PREFIX : config.filePrefix();
          SnapshotStore store;
          try {
            store = store(config, prefix, builder.stagingDirectory);
          } catch (IllegalArgumentException e) {
            storeByName.values().forEach(SnapshotStore::close);
            throw new IllegalArgumentException("configuration " + name + ": " + e.getMessage(), e);
          }
          storeByName.put(name, store);
          byName.put(
              name,
              new ConfigRun(
                  name,
                  config.interval(),
                  prefix,
                  config.retain() == null ? 1 : config.retain(),
                  store,
                  async,
                  clock,
                  recorder,
                  builder.lease == null
                      ? null
                      : new SlotLease(
                          builder.lease.document(name),
                          builder.lease.holder(),
                          config.interval())));
        });
    this.runs = Collections.unmodifiableMap(byName);
    this.stores = storeByName;
    this.scheduler = new ScheduledThreadPoolExecutor(runs.size(), new AgentThreads());
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /** The store of a configuration the builder accepted. */
  private static SnapshotStore store(AutoSnapshotConfig config, String prefix, Path staging) {
    if (config instanceof LocalAutoSnapshotConfig local) {
      return new LocalSnapshotStore(Path.of(local.pathPrefix()), prefix, local.localMaxSpace());
    }
    // Each cloud store is named only here: its SDK is loaded only for a configuration of its type.
    if (config instanceof GoogleGcsAutoSnapshotConfig gcs) {
      return new GcsSnapshotStore(gcs, prefix, staging);
    }
    if (config instanceof AzureBlobAutoSnapshotConfig azure) {
      return new AzureBlobSnapshotStore(azure, prefix, staging);
    }
    return new S3SnapshotStore((AwsS3AutoSnapshotConfig) config, prefix, staging);
  }

  /** Vault's default {@code file_prefix}. */
  static final String DEFAULT_FILE_PREFIX = "vault-snapshot";

  /**
   * Starts building an agent that takes its snapshots through {@code client}. The agent does not
   * close the client.
   *
   * @param client the client, with a token that may read {@code sys/storage/raft/snapshot}
   * @return a builder
   * @throws IllegalArgumentException if {@code client} is null
   */
  public static Builder builder(VaultRaftClient client) {
    if (client == null) {
      throw new IllegalArgumentException("client must not be null");
    }
    return new Builder(client);
  }

  /**
   * Prepares every configuration's directory, removes partial downloads a killed agent left,
   * schedules the first snapshot of each configuration now, and opens the status port if one was
   * set.
   *
   * @throws IllegalStateException if the agent was started or closed already, or a directory cannot
   *     be created or written
   * @throws java.io.UncheckedIOException if the status port cannot be opened
   */
  public synchronized void start() {
    if (started || stopping) {
      throw new IllegalStateException("the agent can be started once");
    }
    stores.forEach(
        (name, store) -> {
          try {
            store.prepare();
            store.removeLeftovers();
          } catch (RuntimeException e) {
            throw new IllegalStateException("configuration " + name + ": " + e.getMessage(), e);
          }
        });
    if (statusAddress != null && statusToken != null) {
      statusServer = StatusServer.start(statusAddress, statusToken, this, scrape);
    }
    started = true;
    Instant first = clock.instant();
    startedAt = first;
    for (ConfigRun run : runs.values()) {
      run.scheduled(first);
      scheduler.schedule(() -> tick(run, first), 0, TimeUnit.MILLISECONDS);
    }
    StatusServer server = statusServer;
    LOG.info(
        "snapshot agent started: {}{}",
        String.join(", ", runs.keySet()),
        server == null ? "" : "; status on http:/" + server.address());
  }

  /**
   * Returns the address the status port listens on, with the port it was given when 0 was asked.
   *
   * @return the address, or null if no status port was set or the agent has not started
   */
  public @Nullable InetSocketAddress statusAddress() {
    StatusServer server = statusServer;
    return server == null ? null : server.address();
  }

  Clock clock() {
    return clock;
  }

  boolean running() {
    return started && !stopping;
  }

  @Nullable Instant startedAt() {
    return startedAt;
  }

  Duration interval(String name) {
    return run(name).interval;
  }

  private void tick(ConfigRun run, Instant anchor) {
    if (stopping) {
      return;
    }
    // With a lease, the grid is the lease's: every agent sharing it wakes for the same slots.
    Instant grid = run.runSlot(anchor);
    if (stopping) {
      return;
    }
    Instant now = clock.instant();
    Instant next = Schedule.next(grid, run.interval, now);
    run.scheduled(next);
    scheduler.schedule(
        () -> tick(run, grid), Duration.between(now, next).toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Returns the status of a configuration, in the shape Vault Enterprise reports at {@code GET
   * /v1/sys/storage/raft/snapshot-auto/status/:name}.
   *
   * @param name the configuration's name
   * @return its status
   * @throws IllegalArgumentException if the agent has no configuration of that name
   */
  public AutoSnapshotStatus status(String name) {
    return run(name).status();
  }

  /**
   * Returns when a configuration last stored a snapshot.
   *
   * @param name the configuration's name
   * @return the end of the last successful snapshot, or null before the first
   * @throws IllegalArgumentException if the agent has no configuration of that name
   */
  public @Nullable Instant lastSuccess(String name) {
    return run(name).lastSuccess();
  }

  /**
   * Returns the names of the configurations, in the order they were given.
   *
   * @return an unmodifiable set
   */
  public Set<String> names() {
    return runs.keySet();
  }

  /** When a configuration last did its part: stored a snapshot or left its slot to the lease. */
  @Nullable Instant lastDone(String name) {
    return run(name).lastDone();
  }

  private ConfigRun run(String name) {
    ConfigRun run = runs.get(name);
    if (run == null) {
      throw new IllegalArgumentException("no configuration named " + name);
    }
    return run;
  }

  /**
   * Stops the agent: no snapshot starts any more; one in flight may finish within the stop grace
   * and is abandoned after it, leaving no file. Returns when no agent thread runs. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("abandoning the snapshots in flight after the stop grace of {}", stopGrace);
        runs.values().forEach(ConfigRun::abandon);
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
          LOG.warn("an agent thread did not stop within 30 s");
        }
      }
    } catch (InterruptedException e) {
      runs.values().forEach(ConfigRun::abandon);
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    StatusServer server = statusServer;
    if (server != null) {
      server.stop();
    }
    stores.values().forEach(SnapshotStore::close);
    LOG.info("snapshot agent stopped");
  }

  /** Builds a {@link RaftSnapshotAgent}; every configuration is checked by {@link #build()}. */
  public static final class Builder {
    private final VaultRaftClient client;
    private final Map<String, AutoSnapshotConfig> configurations = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration stopGrace = Duration.ofSeconds(30);
    private @Nullable InetSocketAddress statusAddress;
    private @Nullable String statusToken;
    private @Nullable AgentMetrics metrics;
    private @Nullable KvLease lease;
    private Path stagingDirectory =
        Path.of(System.getProperty("java.io.tmpdir"), "vaultx-raft-agent");

    private Builder(VaultRaftClient client) {
      this.client = client;
    }

    /**
     * Adds a named configuration, as {@code POST sys/storage/raft/snapshot-auto/config/:name} takes
     * it.
     *
     * @param name the name, not blank, without {@code /}
     * @param config the configuration
     * @return this builder
     * @throws IllegalArgumentException if the name is blank, holds a {@code /} or is taken, or the
     *     configuration is null
     */
    public Builder configuration(String name, AutoSnapshotConfig config) {
      if (name == null || name.isBlank() || name.contains("/")) {
        throw new IllegalArgumentException(
            "a configuration name must not be blank or contain '/', was '" + name + "'");
      }
      if (config == null) {
        throw new IllegalArgumentException("configuration " + name + " must not be null");
      }
      if (configurations.containsKey(name)) {
        throw new IllegalArgumentException("configuration " + name + " is given twice");
      }
      configurations.put(name, config);
      return this;
    }

    /**
     * Adds named configurations, for example those {@link AgentConfigFile#read} returned.
     *
     * @param named the configurations by name
     * @return this builder
     * @throws IllegalArgumentException as {@link #configuration} does
     */
    public Builder configurations(Map<String, AutoSnapshotConfig> named) {
      Objects.requireNonNull(named, "configurations");
      named.forEach(this::configuration);
      return this;
    }

    /**
     * Sets how long {@link RaftSnapshotAgent#close()} waits for a snapshot in flight before it
     * abandons it (default 30 s).
     *
     * @param grace zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code grace} is null or negative
     */
    public Builder stopGrace(Duration grace) {
      if (grace == null || grace.isNegative()) {
        throw new IllegalArgumentException("stopGrace must be zero or more");
      }
      this.stopGrace = grace;
      return this;
    }

    /**
     * Serves the status over HTTP: {@code GET /v1/sys/storage/raft/snapshot-auto/status/:name},
     * Vault Enterprise's path and JSON, for a caller that sends {@code token} as {@code
     * X-Vault-Token} (anything else gets Vault's 403 answer), and {@code GET /healthz} without a
     * token: 200 while every configuration stored a snapshot within its last two intervals (with a
     * lease, a slot another agent held counts as done), 503 otherwise. Give a loopback address
     * unless the port must be reached from elsewhere.
     *
     * @param address where to listen, for example {@code 127.0.0.1:8299}; port 0 picks a free one
     * @param token the token a status reader must send; not the agent's Vault token
     * @return this builder
     * @throws IllegalArgumentException if {@code address} is null or {@code token} is blank
     */
    public Builder statusServer(InetSocketAddress address, String token) {
      if (address == null) {
        throw new IllegalArgumentException("the status address must not be null");
      }
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("the status token must not be blank");
      }
      this.statusAddress = address;
      this.statusToken = token;
      return this;
    }

    /**
     * Publishes the agent's figures to Micrometer (see {@link AgentMetrics}); a Prometheus registry
     * is also served as {@code GET /metrics} on the status port.
     *
     * @param metrics from {@link AgentMetrics#of} or {@link AgentMetrics#prometheus}
     * @return this builder
     * @throws IllegalArgumentException if {@code metrics} is null
     */
    public Builder metrics(AgentMetrics metrics) {
      if (metrics == null) {
        throw new IllegalArgumentException("metrics must not be null");
      }
      this.metrics = metrics;
      return this;
    }

    /**
     * Sets where a snapshot for cloud storage is downloaded and verified before it is uploaded
     * (default {@code vaultx-raft-agent} in {@code java.io.tmpdir}); it needs room for the largest
     * snapshot. Local storage stages beside the snapshots instead.
     *
     * @param directory the directory; created if missing
     * @return this builder
     * @throws IllegalArgumentException if {@code directory} is null
     */
    public Builder stagingDirectory(Path directory) {
      if (directory == null) {
        throw new IllegalArgumentException("the staging directory must not be null");
      }
      this.stagingDirectory = directory;
      return this;
    }

    /**
     * Shares the schedule with other agents for the same cluster: of all the agents given a lease
     * at the same place, exactly one takes each interval's snapshot (docs/agent.md, "Several
     * agents, one snapshot"). Without a lease the agent takes every snapshot itself.
     *
     * @param lease where the agents keep their lease, in a KV version 2 engine of the cluster
     * @return this builder
     * @throws IllegalArgumentException if {@code lease} is null
     */
    public Builder lease(KvLease lease) {
      if (lease == null) {
        throw new IllegalArgumentException("the lease must not be null");
      }
      this.lease = lease;
      return this;
    }

    /** The clock that stamps snapshot names and the status; tests set it. */
    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Checks every configuration and builds the agent; nothing runs until {@link
     * RaftSnapshotAgent#start()}.
     *
     * @return the agent
     * @throws IllegalArgumentException naming the configuration and the parameter the agent cannot
     *     honour: a cloud storage type whose SDK is not on the class path (naming the artifact), a
     *     parameter it does not know, {@code autoload_enabled}, {@code retain} below 1, {@code
     *     local_max_space} of 0, a {@code file_prefix} with a {@code /}, an Azure authentication
     *     other than the account key, or a service account key that is not one
     */
    public RaftSnapshotAgent build() {
      if (configurations.isEmpty()) {
        throw new IllegalArgumentException("the agent needs at least one configuration");
      }
      List<String> problems = new ArrayList<>();
      configurations.forEach((name, config) -> problems.addAll(unsupported(name, config)));
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new RaftSnapshotAgent(this);
    }

    /** What the agent cannot honour in one configuration: one message per parameter. */
    static List<String> unsupported(String name, AutoSnapshotConfig config) {
      return unsupported(name, config, Builder::onClassPath);
    }

    /**
     * As {@link #unsupported(String, AutoSnapshotConfig)}, with {@code onClassPath} telling whether
     * a class of a cloud SDK can be loaded (tests take one away).
     */
    static List<String> unsupported(
        String name, AutoSnapshotConfig config, Predicate<String> onClassPath) {
      List<String> problems = new ArrayList<>();
      String in = "configuration " + name + ": ";
      StorageSdk sdk = StorageSdk.of(config);
      if (sdk == null && !(config instanceof LocalAutoSnapshotConfig)) {
        problems.add(
            in
                + "storage_type "
                + config.storageType()
                + " is not supported by this agent (it stores snapshots with storage_type local,"
                + " aws-s3, google-gcs or azure-blob)");
        return problems;
      }
      if (sdk != null && !sdk.classes.stream().allMatch(onClassPath)) {
        problems.add(
            in
                + "storage_type "
                + config.storageType()
                + " needs "
                + sdk.artifacts
                + " on the class path (optional dependencies of vaultx-raft-agent)");
      }
      for (String parameter : config.additionalParameters().keySet()) {
        problems.add(
            in
                + "parameter "
                + parameter
                + " is not supported for storage_type "
                + config.storageType());
      }
      if (config.retain() != null && config.retain() < 1) {
        problems.add(in + "retain must be at least 1, was " + config.retain());
      }
      if (config.filePrefix() != null && config.filePrefix().contains("/")) {
        problems.add(in + "file_prefix must not contain '/'");
      }
      if (config instanceof LocalAutoSnapshotConfig local && local.localMaxSpace() == 0) {
        problems.add(in + "local_max_space must be more than 0 bytes");
      }
      if (autoload(config)) {
        problems.add(
            in
                + "autoload_enabled is not supported: it loads each snapshot into Vault Enterprise"
                + " for recovery");
      }
      if (config instanceof GoogleGcsAutoSnapshotConfig gcs
          && Boolean.TRUE.equals(gcs.disableTls())
          && gcs.endpoint() == null) {
        problems.add(in + "google_disable_tls needs google_endpoint (Google's own is TLS only)");
      }
      if (config instanceof AzureBlobAutoSnapshotConfig azure) {
        problems.addAll(azureProblems(in, azure));
      }
      return problems;
    }

    private static boolean autoload(AutoSnapshotConfig config) {
      Boolean autoload = null;
      if (config instanceof AwsS3AutoSnapshotConfig s3) {
        autoload = s3.autoloadEnabled();
      } else if (config instanceof GoogleGcsAutoSnapshotConfig gcs) {
        autoload = gcs.autoloadEnabled();
      } else if (config instanceof AzureBlobAutoSnapshotConfig azure) {
        autoload = azure.autoloadEnabled();
      }
      return Boolean.TRUE.equals(autoload);
    }

    /** The agent authenticates to Azure with the account key only ({@code shared}). */
    private static List<String> azureProblems(String in, AzureBlobAutoSnapshotConfig azure) {
      List<String> problems = new ArrayList<>();
      String mode = azure.authMode();
      if (mode != null && !mode.equals("shared")) {
        problems.add(
            in
                + "azure_auth_mode "
                + mode
                + " is not supported: this agent authenticates with azure_account_name and"
                + " azure_account_key (azure_auth_mode shared)");
      }
      if (azure.clientId() != null) {
        problems.add(
            in
                + "azure_client_id is not supported: it is for azure_auth_mode managed, and this"
                + " agent authenticates with azure_account_key");
      }
      if (azure.accountName() == null) {
        problems.add(in + "azure_account_name must be set");
      }
      if (azure.accountKey() == null && (mode == null || mode.equals("shared"))) {
        problems.add(in + "azure_account_key must be set");
      }
      if (azure.blobEnvironment() != null && azure.endpoint() != null) {
        problems.add(
            in
                + "azure_blob_environment and azure_endpoint exclude each other: the endpoint"
                + " names the storage account's address itself");
      } else if (azure.blobEnvironment() != null
          && AzureClouds.suffix(azure.blobEnvironment()) == null) {
        problems.add(
            in
                + "azure_blob_environment "
                + azure.blobEnvironment()
                + " is not a known Azure cloud ("
                + AzureClouds.NAMES
                + ")");
      }
      return problems;
    }

    private static boolean onClassPath(String className) {
      try {
        Class.forName(className, false, RaftSnapshotAgent.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }

  /** The optional SDK each cloud storage type needs: classes to probe, artifacts to name. */
  enum StorageSdk {
    AWS_S3(
        List.of(
            "software.amazon.awssdk.services.s3.S3Client",
            "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"),
        "software.amazon.awssdk:s3 and software.amazon.awssdk:url-connection-client"),
    GOOGLE_GCS(
        List.of("com.google.cloud.storage.StorageOptions"),
        "com.google.cloud:google-cloud-storage"),
    AZURE_BLOB(
        List.of(
            "com.azure.storage.blob.BlobContainerClientBuilder",
            "com.azure.core.http.netty.NettyAsyncHttpClientBuilder"),
        "com.azure:azure-storage-blob (with its default HTTP client, com.azure:azure-core-http-netty)");

    final List<String> classes;
    final String artifacts;

    StorageSdk(List<String> classes, String artifacts) {
      this.classes = classes;
      this.artifacts = artifacts;
    }

    static @Nullable StorageSdk of(AutoSnapshotConfig config) {
      if (config instanceof AwsS3AutoSnapshotConfig) {
        return AWS_S3;
      }
      if (config instanceof GoogleGcsAutoSnapshotConfig) {
        return GOOGLE_GCS;
      }
      if (config instanceof AzureBlobAutoSnapshotConfig) {
        return AZURE_BLOB;
      }
      return null;
    }
  }

  private static final class AgentThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      // Not daemon threads: a foreground agent keeps the JVM alive until it is closed.
      return new Thread(task, "vaultx-raft-agent-" + count.incrementAndGet());
    }
  }
}
