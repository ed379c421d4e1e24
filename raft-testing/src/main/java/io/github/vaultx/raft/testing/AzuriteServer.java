package io.github.vaultx.raft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An Azure Blob Storage emulator for tests: Azurite's blob service, Microsoft's own emulator, on a
 * free loopback port, in memory, standing in for Azure Blob Storage for any client that takes an
 * account URL and a shared key (Vault's {@code azure_endpoint}, {@code azure_account_name}, {@code
 * azure_account_key}). It serves Azurite's well-known development account {@link #ACCOUNT_NAME}.
 *
 * <pre>{@code
 * try (AzuriteServer azurite = AzuriteServer.start(workFolder)) {
 *   // point the code under test at azurite.accountUrl() with ACCOUNT_NAME and ACCOUNT_KEY
 * }
 * }</pre>
 *
 * <p>The program: the variable {@code VAULTX_AZURITE_BIN} (an {@code azurite-blob}), else, in a
 * checkout of vaultx-raft, {@code scripts/install-azurite.sh}, which installs the pinned release
 * from npm once into the tool cache.
 */
public final class AzuriteServer implements AutoCloseable {
  /** Azurite's development account. */
  public static final String ACCOUNT_NAME = "devstoreaccount1";

  /** The development account's key, published with Azurite (a test value, not a secret). */
  public static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final ToolProcess process;
  private final int port;

  private AzuriteServer(ToolProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Installs Azurite if needed and starts its blob service, empty; its data stays in memory, its
   * log goes to {@code folder}.
   *
   * @param folder Azurite's working folder; created if missing
   * @return the running emulator; close it
   * @throws IllegalStateException if Azurite cannot be had or does not start
   */
  public static AzuriteServer start(Path folder) {
    Path program =
        ToolProcess.binary("azurite-blob", "VAULTX_AZURITE_BIN", InstallScript.AZURITE, List.of());
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
    int port = FreePorts.take(1, List.of()).get(0);
    ProcessBuilder command =
        new ProcessBuilder(
                program.toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                String.valueOf(port),
                // In memory, so no --location: Azurite refuses the two together.
                "--inMemoryPersistence",
                // The SDK may speak a newer service version than this Azurite release knows.
                "--skipApiVersionCheck",
                "--disableTelemetry")
            .directory(folder.toFile());
    ToolProcess process = ToolProcess.start("azurite-blob", command, folder.resolve("azurite.log"));
    process.awaitListening(port, Duration.ofSeconds(60));
    return new AzuriteServer(process, port);
  }

  /**
   * Returns the development account's blob service URL, as {@code azure_endpoint} takes it.
   *
   * @return {@code http://127.0.0.1:PORT/devstoreaccount1}
   */
  public String accountUrl() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT_NAME;
  }

  /** Stops Azurite (SIGTERM, then SIGKILL after 10 seconds); its in-memory data is gone. */
  @Override
  public void close() {
    process.close();
  }
}
