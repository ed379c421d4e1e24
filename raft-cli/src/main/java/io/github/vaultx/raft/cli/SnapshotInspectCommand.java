package io.github.vaultx.raft.cli;

import io.github.vaultx.raft.snapshot.RaftSnapshots;
import io.github.vaultx.raft.snapshot.SnapshotFileCheck;
import io.github.vaultx.raft.snapshot.SnapshotInspection;
import io.github.vaultx.raft.snapshot.SnapshotKeyPrefix;
import io.github.vaultx.raft.snapshot.SnapshotServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code snapshot inspect [-details] [-depth N] [-filter PREFIX] [-format=json] FILE}: reads a
 * snapshot file offline (no server, no token) and prints its metadata, hashes and keys; exits 1
 * when the file is damaged, after printing what could be read.
 */
@Command(
    name = "inspect",
    description = {
      "Inspect a snapshot file offline: its Raft metadata, the SHA-256 of meta.json and",
      "state.bin against SHA256SUMS, whether SHA256SUMS.sealed is present, and its keys.",
      "Exits 1 if the file is damaged. Needs no server and no token."
    })
final class SnapshotInspectCommand implements Callable<Integer> {
  @Mixin HelpOption help = new HelpOption();

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-details", "--details"},
      description = "Also count keys and their value bytes per key prefix.")
  boolean details;

  @Option(
      names = {"-depth", "--depth"},
      paramLabel = "N",
      description = "Key segments that make a prefix in the details (default 2); implies -details.")
  @Nullable Integer depth;

  @Option(
      names = {"-filter", "--filter"},
      paramLabel = "PREFIX",
      description = "Count only keys starting with PREFIX in the details; implies -details.")
  @Nullable String filter;

  @Mixin FormatOption format = new FormatOption();

  @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot file.")
  Path file = Path.of("");

  @Override
  public Integer call() {
    VaultRaftCli.Runtime runtime =
        ((VaultRaftCli) Objects.requireNonNull(spec, "spec").root().userObject()).runtime();
    boolean json = format.resolve(runtime.environment()) == FormatOption.Format.JSON;
    boolean withDetails = details || depth != null || filter != null;
    SnapshotInspection s =
        withDetails
            ? RaftSnapshots.inspect(file, depth == null ? 2 : depth, filter == null ? "" : filter)
            : RaftSnapshots.inspect(file);
    PrintWriter out = runtime.out();
    if (json) {
      out.println(Json.write(json(s, withDetails)));
    } else {
      out.print(table(s, withDetails));
    }
    out.flush();
    s.requireIntact(); // a damaged file: "Error: ..." on stderr and exit code 1
    return 0;
  }

  static String table(SnapshotInspection s, boolean withDetails) {
    Table summary =
        new Table("Key", "Value")
            .row("ID", s.id())
            .row("Index", s.index())
            .row("Term", s.term())
            .row("Version", s.version())
            .row("Size", s.size())
            .row("Configuration Index", s.configurationIndex())
            .row("meta.json SHA-256", hash(s.metaJson()))
            .row("state.bin SHA-256", hash(s.stateBin()))
            .row("SHA256SUMS.sealed", s.sealedSumsPresent() ? "present" : "missing or empty")
            .row("Keys", s.keys())
            .row("Value Bytes", s.valueBytes())
            .row("Seal-Wrapped Keys", s.sealWrappedKeys())
            .row("Intact", s.intact());
    StringBuilder text = new StringBuilder(summary.render());
    if (!s.servers().isEmpty()) {
      Table servers = new Table("Node", "Address", "Suffrage");
      for (SnapshotServer server : s.servers()) {
        servers.row(server.nodeId(), server.address(), server.suffrage());
      }
      text.append('\n').append(servers.render());
    }
    if (withDetails) {
      Table keys = new Table("Key Prefix", "Count", "Size");
      long count = 0;
      long bytes = 0;
      for (SnapshotKeyPrefix p : s.prefixes()) {
        keys.row(p.prefix(), p.keys(), p.bytes());
        count += p.keys();
        bytes += p.bytes();
      }
      keys.row("Total", count, bytes);
      text.append('\n').append(keys.render());
    }
    return text.toString();
  }

  private static String hash(SnapshotFileCheck check) {
    if (check.recordedSha256() == null) {
      return check.computedSha256() + " (not in SHA256SUMS)";
    }
    return check.matches()
        ? check.computedSha256() + " (matches SHA256SUMS)"
        : check.computedSha256() + " (SHA256SUMS records " + check.recordedSha256() + ")";
  }

  static Map<String, Object> json(SnapshotInspection s, boolean withDetails) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("file", s.file());
    data.put("file_bytes", s.fileBytes());
    data.put("id", s.id());
    data.put("index", s.index());
    data.put("term", s.term());
    data.put("version", s.version());
    data.put("size", s.size());
    data.put("configuration_index", s.configurationIndex());
    data.put("servers", s.servers().stream().map(SnapshotInspectCommand::server).toList());
    data.put("meta_json", file(s.metaJson()));
    data.put("state_bin", file(s.stateBin()));
    data.put("sealed_sums_present", s.sealedSumsPresent());
    data.put("keys", s.keys());
    data.put("value_bytes", s.valueBytes());
    data.put("seal_wrapped_keys", s.sealWrappedKeys());
    if (withDetails) {
      data.put("prefixes", s.prefixes().stream().map(SnapshotInspectCommand::prefix).toList());
    }
    data.put("intact", s.intact());
    data.put("problems", List.copyOf(s.problems()));
    return data;
  }

  private static Map<String, Object> server(SnapshotServer server) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("node_id", server.nodeId());
    json.put("address", server.address());
    json.put("suffrage", server.suffrage());
    return json;
  }

  private static Map<String, Object> file(SnapshotFileCheck check) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bytes", check.bytes());
    json.put("recorded_sha256", check.recordedSha256());
    json.put("computed_sha256", check.computedSha256());
    json.put("matches", check.matches());
    return json;
  }

  private static Map<String, Object> prefix(SnapshotKeyPrefix p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("prefix", p.prefix());
    json.put("keys", p.keys());
    json.put("bytes", p.bytes());
    return json;
  }
}
