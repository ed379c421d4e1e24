package io.github.vaultx.raft.internal;

import com.squareup.moshi.JsonAdapter;
import io.github.vaultx.raft.CircuitOpenException;
import io.github.vaultx.raft.EnterpriseOnlyException;
import io.github.vaultx.raft.IncompleteSnapshotException;
import io.github.vaultx.raft.InvalidRequestException;
import io.github.vaultx.raft.NotFoundException;
import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.RateLimitedException;
import io.github.vaultx.raft.RemovedNodeException;
import io.github.vaultx.raft.StandbyNodeException;
import io.github.vaultx.raft.UnsupportedEndpointException;
import io.github.vaultx.raft.VaultClientException;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.VaultServerException;
import io.github.vaultx.raft.VaultUnavailableException;
import io.github.vaultx.raft.internal.generated.model.ErrorResponseWire;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The one place that builds the client's exceptions: Vault's error answers ({@link #map}) and every
 * failure without a usable answer (no answer, malformed body, open circuit, refused redirect,
 * incomplete snapshot).
 */
final class ErrorMapper {
  /** How OpenBao (and Vault before its Enterprise stubs) refuses a path it does not serve. */
  private static final String UNSUPPORTED_PATH = "unsupported path";

  /**
   * How Vault CE 1.21 answers an Enterprise endpoint it knows: its stub handler's 404 body is
   * {@code {"errors":["enterprise-only feature"]}} (docs/servers.md).
   */
  private static final String ENTERPRISE_ONLY = "enterprise-only feature";

  /**
   * How Vault CE 1.21 refuses a read or recover from a loaded snapshot, an Enterprise feature whose
   * parameters CE parses: "unable to lock snapshot: loaded snapshots not supported".
   */
  private static final String LOADED_SNAPSHOTS_UNSUPPORTED = "loaded snapshots not supported";

  /**
   * How OpenBao answers a snapshot uploaded to Vault Enterprise's {@code snapshot-load}: it parses
   * the body as JSON before it finds that it does not serve the path (400 "failed to decode JSON
   * input: invalid character '\x1f'", the gzip header). Vault Enterprise never parses that body,
   * and the client sends valid JSON to every other Enterprise endpoint, so on an Enterprise
   * endpoint this answer means the server is not Vault Enterprise.
   */
  private static final String UNDECODABLE_BODY = "failed to decode json input";

  /**
   * How Vault 1.19+ answers on a node removed from its cluster: {@code sys/health} with 530 (its
   * {@code removedcode}), a join with "node has been removed from the HA cluster", an unseal with
   * "node was removed from a HA cluster".
   */
  private static final int REMOVED_NODE_STATUS = 530;

  private static final List<String> REMOVED_NODE =
      List.of("removed from the ha cluster", "removed from a ha cluster");

  private ErrorMapper() {}

  /**
   * Maps an error answer.
   *
   * @param status the HTTP status
   * @param method the request method
   * @param path the request path
   * @param errors Vault's {@code errors}
   * @param retryAfter the {@code Retry-After} header, if any
   * @param enterpriseEndpoint whether only Vault Enterprise serves the endpoint
   * @param now the current time, for a {@code Retry-After} date
   * @return the exception to throw
   */
  public static VaultServerException map(
      int status,
      String method,
      String path,
      List<String> errors,
      @Nullable String retryAfter,
      boolean enterpriseEndpoint,
      Instant now) {
    if (status == REMOVED_NODE_STATUS || REMOVED_NODE.stream().anyMatch(t -> mentions(errors, t))) {
      return new RemovedNodeException(status, method, path, errors);
    }
    if (enterpriseEndpoint
        && (mentions(errors, LOADED_SNAPSHOTS_UNSUPPORTED)
            || (status == 400 && mentions(errors, UNDECODABLE_BODY)))) {
      return new EnterpriseOnlyException(status, method, path, errors);
    }
    switch (status) {
      case 400:
        return new InvalidRequestException(method, path, errors);
      case 403:
        return new PermissionDeniedException(method, path, errors);
      case 404:
        if (enterpriseEndpoint
            && (mentions(errors, UNSUPPORTED_PATH) || mentions(errors, ENTERPRISE_ONLY))) {
          return new EnterpriseOnlyException(method, path, errors);
        }
        if (mentions(errors, UNSUPPORTED_PATH)) {
          return new UnsupportedEndpointException(status, method, path, errors);
        }
        return new NotFoundException(method, path, errors);
      case 405:
        // Every endpoint of the spec is called with a method the servers that serve it take.
        return enterpriseEndpoint
            ? new EnterpriseOnlyException(status, method, path, errors)
            : new UnsupportedEndpointException(status, method, path, errors);
      case 429:
        return new RateLimitedException(method, path, errors, retryAfter(retryAfter, now));
      case 307:
      case 308:
        return new StandbyNodeException(
            status, method, path, "redirected to the active node; the redirect was not followed");
      default:
        break;
    }
    if (status == 503 && mentions(errors, "vault is sealed")) {
      return new VaultSealedException(method, path, errors);
    }
    if (status >= 500 && (mentions(errors, "node not active") || mentions(errors, "standby"))) {
      return new StandbyNodeException(status, method, path, errors);
    }
    if (status >= 500) {
      return new VaultUnavailableException(status, method, path, errors);
    }
    return new VaultServerException(status, method, path, errors);
  }

  /**
   * How Vault and OpenBao answer an upload cut by the listener's read deadline: {@code
   * http_read_timeout} bounds the whole request, body included, so a restore that takes longer
   * fails with a 500 whose error ends in Go's {@code i/o timeout} (checked on both servers by
   * ServerLimitsIT and {@code benchmarks/big-snapshot.sh}).
   */
  private static final String READ_DEADLINE = "i/o timeout";

  /** What to raise when a snapshot upload was cut by the server's read deadline. */
  static final String READ_DEADLINE_HINT =
      "the server stopped reading the snapshot at its listener's read deadline: http_read_timeout"
          + " (30s unless set) bounds a whole upload, so raise it in the listener stanza of the"
          + " nodes that receive restores";

  /**
   * Adds {@link #READ_DEADLINE_HINT} to the errors of an upload that the server's read deadline
   * cut: the server's own words name only the socket.
   */
  static List<String> withUploadHint(List<String> errors) {
    if (!mentions(errors, READ_DEADLINE)) {
      return errors;
    }
    List<String> hinted = new ArrayList<>(errors);
    hinted.add(READ_DEADLINE_HINT);
    return List.copyOf(hinted);
  }

  private static boolean mentions(List<String> errors, String text) {
    return errors.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains(text));
  }

  /** Parses {@code Retry-After} as seconds or an HTTP date; anything else counts as absent. */
  static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      // an HTTP date, perhaps
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A 200 whose warnings say the server ignored what asks for a loaded snapshot's data ({@code
   * read_snapshot_id}): OpenBao answers the live data so. That answer must never pass for the
   * snapshot's data.
   *
   * @return the exception to throw, or null when no warning says so
   */
  static @Nullable EnterpriseOnlyException ignoredSnapshotParameter(
      String method, String path, @Nullable List<String> warnings, String parameter) {
    if (warnings == null) {
      return null;
    }
    for (String warning : warnings) {
      if (warning != null && warning.contains("ignored") && warning.contains(parameter)) {
        return new EnterpriseOnlyException(200, method, path, List.of(warning));
      }
    }
    return null;
  }

  /**
   * Reads Vault's {@code errors} from an error body; anything else (a proxy's HTML page) gives
   * none. Should Vault ever echo the token, it is masked here and never reaches a message.
   */
  static List<String> errors(
      @Nullable ResponseBody body,
      JsonAdapter<ErrorResponseWire> adapter,
      @Nullable VaultToken token) {
    return errors(body, adapter, token, null);
  }

  /**
   * Reads Vault's {@code errors} as {@link #errors(ResponseBody, JsonAdapter, VaultToken)} does,
   * masking the call's own {@code secret} (a DR operation token) too.
   */
  static List<String> errors(
      @Nullable ResponseBody body,
      JsonAdapter<ErrorResponseWire> adapter,
      @Nullable VaultToken token,
      @Nullable String secret) {
    if (body == null) {
      return List.of();
    }
    try (body) {
      ErrorResponseWire parsed = adapter.fromJson(body.source());
      if (parsed == null || parsed.getErrors() == null) {
        return List.of();
      }
      List<String> errors = new ArrayList<>();
      for (String error : parsed.getErrors()) {
        if (error != null) {
          String masked = token == null ? error : error.replace(token.reveal(), "****");
          errors.add(secret == null ? masked : masked.replace(secret, "****"));
        }
      }
      return errors;
    } catch (IOException | RuntimeException e) {
      // Not Vault's error JSON: the status alone must do.
      return List.of();
    }
  }

  /**
   * No answer came: {@code problem} says which timeout or TLS check failed, or the I/O error; the
   * exception says whether the request may have reached the server ({@link #neverSent}).
   */
  static VaultClientException noAnswer(
      String method, String path, String node, String problem, IOException cause) {
    return new VaultClientException(
        "no answer on " + method + " " + path + " from " + node + ": " + problem,
        cause,
        !neverSent(cause));
  }

  /**
   * Whether a transport failure proves that no byte of the request reached a server: no connection
   * was made (refused, no route, unknown host, the connect timeout). OkHttp adds the failures of
   * attempts it retried itself (a stale pooled connection) as suppressed exceptions: each of them
   * must prove it too.
   */
  static boolean neverSent(Throwable cause) {
    boolean connectFailure =
        cause instanceof ConnectException
            || cause instanceof NoRouteToHostException
            || cause instanceof UnknownHostException
            || TransportErrors.isConnectTimeout(cause);
    if (!connectFailure) {
      return false;
    }
    for (Throwable earlier : cause.getSuppressed()) {
      if (!neverSent(earlier)) {
        return false;
      }
    }
    return true;
  }

  /** An answer came, but not one Vault promises. */
  static VaultClientException malformed(String method, String path, Exception cause) {
    return new VaultClientException(
        "malformed response body on " + method + " " + path + ": " + cause.getMessage(), cause);
  }

  /**
   * The node's circuit is open; the breaker's own exception stays internal. The last failure that
   * counted against the node is named and becomes the cause: it is why the node is rested.
   */
  static CircuitOpenException circuitOpen(
      String method, String path, String node, Duration rest, @Nullable Throwable last) {
    return new CircuitOpenException(
        "circuit open on "
            + method
            + " "
            + path
            + ": "
            + node
            + " failed repeatedly and is rested for up to "
            + rest.toSeconds()
            + " s before it is tried again"
            + (last == null ? "" : "; last failure: " + last.getMessage()),
        last);
  }

  /**
   * A sealed answer from a node whose {@code sys/seal-status} says {@code removed_from_cluster}:
   * the node was removed from its cluster (Vault 1.19+) and stays sealed until it is wiped.
   */
  static RemovedNodeException removedWhileSealed(VaultSealedException sealed, String node) {
    return new RemovedNodeException(
        sealed.statusCode(),
        sealed.method(),
        sealed.path(),
        sealed.errors(),
        node
            + " answers sealed and its sys/seal-status reports removed_from_cluster: wipe its"
            + " Raft data before it joins again, or remove the address");
  }

  /** A standby redirected to the active node and the redirect was not followed. */
  static StandbyNodeException redirectRefused(
      int status, String method, String path, String reason) {
    return new StandbyNodeException(status, method, path, reason);
  }

  /** The client was interrupted while it waited between attempts. */
  static VaultClientException interruptedWhileWaiting(InterruptedException cause) {
    return new VaultClientException("interrupted while waiting to retry", cause);
  }

  /** The snapshot stream ended or broke before its {@code SHA256SUMS.sealed}. */
  static IncompleteSnapshotException incompleteSnapshot(
      String method, String path, long bytes, String problem, @Nullable Throwable cause) {
    return new IncompleteSnapshotException(
        "incomplete snapshot on " + method + " " + path + " after " + bytes + " bytes: " + problem,
        cause);
  }

  /** The snapshot could not be written where the caller asked. */
  static IncompleteSnapshotException snapshotNotWritten(String where, IOException cause) {
    return new IncompleteSnapshotException(
        "could not write the snapshot " + where + ": " + cause.getClass().getSimpleName(), cause);
  }
}
