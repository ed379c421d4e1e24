package io.github.vaultx.raft.internal;

import io.github.vaultx.raft.EnterpriseOnlyException;
import io.github.vaultx.raft.InvalidRequestException;
import io.github.vaultx.raft.NotFoundException;
import io.github.vaultx.raft.PermissionDeniedException;
import io.github.vaultx.raft.RateLimitedException;
import io.github.vaultx.raft.StandbyNodeException;
import io.github.vaultx.raft.VaultSealedException;
import io.github.vaultx.raft.VaultServerException;
import io.github.vaultx.raft.VaultUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The one place that turns Vault's error answers into typed exceptions. */
public final class ErrorMapper {
  /** How OpenBao (and Vault before its Enterprise stubs) refuses a path it does not serve. */
  private static final String UNSUPPORTED_PATH = "unsupported path";

  /**
   * How Vault CE 1.21 answers an Enterprise endpoint it knows: its stub handler's 404 body is
   * {@code {"errors":["enterprise-only feature"]}} (docs/servers.md).
   */
  private static final String ENTERPRISE_ONLY = "enterprise-only feature";

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
        return new NotFoundException(method, path, errors);
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
}
