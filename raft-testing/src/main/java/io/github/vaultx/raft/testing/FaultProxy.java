package io.github.vaultx.raft.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Toxiproxy server (a TCP proxy that injects real network faults) run as a child process on a
 * free 127.0.0.1 port, and the client for its HTTP API. Each {@link #link link} is one proxied
 * address whose faults ({@link Toxic}s, {@linkplain FaultLink#down() down}) a test switches on and
 * off. Closing it stops the process, which drops every link.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start()) {
 *   FaultLink link = proxy.link("db", "127.0.0.1:5432");
 *   link.add(Toxic.latency(Duration.ofMillis(100), Duration.ofMillis(20)));
 *   // connect the code under test to link.address()
 * }
 * }</pre>
 *
 * <p>{@link #start()} finds the {@code toxiproxy-server} binary, first match wins: the system
 * property {@code vaultx.toxiproxy.bin}; the variable {@code VAULTX_TOXIPROXY_BIN}; in a checkout
 * of vaultx-raft (the system property {@code vaultx.repo.root}, or a folder above the working
 * directory holding it) {@code scripts/install-go-tool.sh toxiproxy}, which builds the pinned
 * release once into the tool cache; {@code toxiproxy-server} on the {@code PATH}.
 * LocalRaftClusterBuilder#faultProxies() puts one link in front of every node of a cluster.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
  private static final String BINARY_NAME = "toxiproxy-server";
  private static @Nullable Path located;

  private final ToolProcess process;
  private final Path log;
  private final ToxiproxyApi api;
  private final String version;

  private FaultProxy(ToolProcess process, Path log, ToxiproxyApi api, String version) {
    this.process = process;
    this.log = log;
    this.api = api;
    this.version = version;
  }

  /**
   * Starts the {@linkplain #locateBinary() located} Toxiproxy server.
   *
   * @return the running proxy; close it
   * @throws IllegalStateException if there is no binary or it does not start
   */
  public static FaultProxy start() {
    return start(locateBinary());
  }

  /**
   * Starts a Toxiproxy server binary on a free 127.0.0.1 port and waits until its API answers.
   *
   * @param binary the {@code toxiproxy-server} executable
   * @return the running proxy; close it
   * @throws IllegalStateException if it does not start
   */
  public static FaultProxy start(Path binary) {
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      throw new IllegalArgumentException("toxiproxy binary is not an executable file: " + binary);
    }
    int port = FreePorts.take(1, List.of()).get(0);
    Path log;
    try {
      log = Files.createTempFile("vaultx-toxiproxy-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a log file for " + binary, e);
    }
    ProcessBuilder command =
        new ProcessBuilder(
            binary.toString(), "-host", "127.0.0.1", "-port", Integer.toString(port));
    // Toxiproxy logs every API request at its default level; warnings are what a failure needs.
    command.environment().put("LOG_LEVEL", "warn");
    ToolProcess process = ToolProcess.start(BINARY_NAME, command, log);
    ToxiproxyApi api = new ToxiproxyApi(URI.create("http://127.0.0.1:" + port));
    String version;
    try {
      version =
          process.awaitReady("toxiproxy answering on port " + port, START_TIMEOUT, api::version);
    } catch (RuntimeException e) {
      deleteQuietly(log);
      throw e;
    }
    return new FaultProxy(process, log, api, version);
  }

  /**
   * Finds the {@code toxiproxy-server} binary as the class comment says, building it on first use;
   * the answer is kept for the JVM's lifetime.
   *
   * @return the executable
   * @throws IllegalStateException if there is none and it cannot be built
   */
  public static synchronized Path locateBinary() {
    if (located == null) {
      located = findBinary();
    }
    return located;
  }

  private static Path findBinary() {
    String property = System.getProperty("vaultx.toxiproxy.bin");
    if (property != null && !property.isBlank()) {
      return Path.of(property.trim()).toAbsolutePath();
    }
    String variable = System.getenv("VAULTX_TOXIPROXY_BIN");
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable.trim()).toAbsolutePath();
    }
    Optional<Path> script = InstallScript.find(InstallScript.GO_TOOL);
    if (script.isPresent()) {
      return InstallScript.run(script.get(), List.of("toxiproxy"), BUILD_TIMEOUT, List.of());
    }
    String path = System.getenv("PATH");
    return Arrays.stream(path == null ? new String[0] : path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, BINARY_NAME))
        .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no "
                        + BINARY_NAME
                        + " binary: set -Dvaultx.toxiproxy.bin or VAULTX_TOXIPROXY_BIN to its"
                        + " path, or put it on the PATH (go install"
                        + " github.com/Shopify/toxiproxy/v2/cmd/server builds it, named server)"));
  }

  /**
   * Creates a link that listens on a free 127.0.0.1 port.
   *
   * @param name a name unique on this proxy (letters, digits, {@code -} and {@code _})
   * @param upstream where the link connects to, {@code host:port}
   * @return the link, up and without faults
   */
  public FaultLink link(String name, String upstream) {
    return link(name, FreePorts.take(1, List.of()).get(0), upstream);
  }

  /**
   * Creates a link on a given port, so that its address can be known (and written into a server's
   * config) before the link exists.
   *
   * @param name a name unique on this proxy (letters, digits, {@code -} and {@code _})
   * @param port the 127.0.0.1 port to listen on
   * @param upstream where the link connects to, {@code host:port}
   * @return the link, up and without faults
   * @throws IllegalStateException with Toxiproxy's reason if it refuses (a taken port or name)
   */
  public FaultLink link(String name, int port, String upstream) {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "link name must be letters, digits, - and _ only, was '" + name + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
    String listen = "127.0.0.1:" + port;
    api.createProxy(name, listen, upstream);
    return new FaultLink(api, name, listen, upstream);
  }

  /**
   * Deletes a link: its address stops accepting connections and open ones are closed.
   *
   * @param link a link of this proxy
   */
  public void delete(FaultLink link) {
    api.deleteProxy(link.name());
  }

  /** Removes every fault of every link and brings every link up (Toxiproxy's reset). */
  public void reset() {
    api.reset();
  }

  /**
   * The address of Toxiproxy's HTTP API.
   *
   * @return {@code http://127.0.0.1:<port>}
   */
  public URI apiAddress() {
    return api.base();
  }

  /**
   * The version the server reports.
   *
   * @return for example {@code 2.12.0}
   */
  public String version() {
    return version;
  }

  /** Stops the server (every link goes with it) and deletes its log. */
  @Override
  public void close() {
    process.close();
    deleteQuietly(log);
  }

  @Override
  public String toString() {
    return "FaultProxy[toxiproxy " + version + " at " + api.base() + "]";
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file; the OS cleans it up
    }
  }
}
