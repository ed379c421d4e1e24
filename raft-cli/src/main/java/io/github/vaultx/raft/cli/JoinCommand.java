package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.RaftJoinRequest;
import io.github.vaultx.raft.VaultRaftClient;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code join}: asks the node at the address to join a cluster (no token needed). */
@Command(
    name = "join",
    description = {
      "Join the node at -address (VAULT_ADDR) to the Raft cluster of LEADER_API_ADDR.",
      "The node must be uninitialised; unseal it afterwards."
    })
final class JoinCommand extends ClientCommand {
  @Parameters(
      index = "0",
      paramLabel = "LEADER_API_ADDR",
      description = "API address of a node of the cluster, for example https://vault-0:8200.")
  String leaderApiAddr = "";

  @Option(
      names = "-leader-ca-cert",
      paramLabel = "PEM",
      description = "CA certificate of the leader: a PEM file, @file, or PEM text.")
  @Nullable String leaderCaCert;

  @Option(
      names = "-leader-client-cert",
      paramLabel = "PEM",
      description = "Client certificate to present to the leader: a PEM file, @file, or PEM text.")
  @Nullable String leaderClientCert;

  @Option(
      names = "-leader-client-key",
      paramLabel = "PEM",
      description = "Key of the client certificate: a PEM file, @file, or PEM text.")
  @Nullable String leaderClientKey;

  @Option(
      names = "-leader-tls-servername",
      paramLabel = "NAME",
      description = "Name to verify in the leader's certificate.")
  @Nullable String leaderTlsServerName;

  @Option(
      names = "-retry",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Keep retrying the join until it succeeds.")
  @Nullable Boolean retry;

  @Option(
      names = "-non-voter",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Join as a non-voter (Vault Enterprise).")
  @Nullable Boolean nonVoter;

  @Override
  void run(VaultRaftClient client) {
    RaftJoinRequest.Builder request = RaftJoinRequest.builder(leaderApiAddr);
    pem(leaderCaCert, "-leader-ca-cert", request::leaderCaCert, request::leaderCaCert);
    pem(
        leaderClientCert,
        "-leader-client-cert",
        request::leaderClientCert,
        request::leaderClientCert);
    pem(leaderClientKey, "-leader-client-key", request::leaderClientKey, request::leaderClientKey);
    if (leaderTlsServerName != null) {
      request.leaderTlsServerName(leaderTlsServerName);
    }
    if (retry != null) {
      request.retry(retry);
    }
    if (nonVoter != null) {
      request.nonVoter(nonVoter);
    }
    boolean joined = client.joinRaftCluster(request.build());
    if (json()) {
      printJson(Map.of("joined", joined));
    } else {
      out().print(new Table("Key", "Value").row("Joined", joined).render());
    }
  }

  /**
   * Vault wants PEM text, and people pass file names: {@code @file} or an existing file goes to
   * {@code file} (the client reads it), anything else to {@code text} as PEM text (and is rejected
   * by the client if it is not).
   */
  private static void pem(
      @Nullable String value, String flag, Consumer<Path> file, Consumer<String> text) {
    if (value == null) {
      return;
    }
    if (value.startsWith("@")) {
      file.accept(path(value.substring(1), flag));
    } else if (value.contains("-----BEGIN")) {
      text.accept(value);
    } else {
      Path path = path(value, flag);
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(flag + " must be PEM text or a readable PEM file");
      }
      file.accept(path);
    }
  }

  private static Path path(String value, String flag) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(flag + " must be PEM text or a readable PEM file");
    }
  }
}
