package io.github.vaultx.raft.internal.access;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Input checks shared by the public types and the client. Every failure is an {@link
 * IllegalArgumentException} that names the parameter and the rule, thrown before any request.
 */
public final class Checks {
  private Checks() {}

  /** Returns {@code value}, or throws when it is null. */
  public static <T> T notNull(@Nullable T value, String parameter) {
    if (value == null) {
      throw new IllegalArgumentException(parameter + " must not be null");
    }
    return value;
  }

  /** Returns {@code value}, or throws when it is null, empty or only whitespace. */
  public static String notBlank(@Nullable String value, String parameter) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(parameter + " must not be blank");
    }
    return value;
  }

  /**
   * Returns {@code value} if it can be one path segment of a Vault URL: not blank, and free of
   * {@code /}, {@code ..}, {@code ?}, {@code #}, {@code %}, whitespace, control characters and lone
   * surrogates, and not {@code .}, so a name can never address another Vault path.
   */
  public static String pathSegment(@Nullable String text, String parameter) {
    String value = notBlank(text, parameter);
    wellFormed(value, parameter);
    boolean bad = value.contains("..") || value.equals(".");
    for (int i = 0; i < value.length() && !bad; i++) {
      char c = value.charAt(i);
      bad =
          c == '/'
              || c == '\\'
              || c == '?'
              || c == '#'
              || c == '%'
              || Character.isWhitespace(c)
              || Character.isSpaceChar(c)
              || Character.isISOControl(c);
    }
    if (bad) {
      throw new IllegalArgumentException(
          parameter
              + " must not be '.' or contain '/', '\\', '..', '?', '#', '%', whitespace or control"
              + " characters");
    }
    return value;
  }

  /**
   * Returns {@code text} if it can be a secrets engine path under {@code /v1/} ({@code
   * secret/my-secret}): segments joined by single slashes, none of them empty, and each one as
   * {@link #pathSegment} requires, so the path is sent as it is and can never leave {@code /v1/}.
   */
  public static String secretPath(@Nullable String text, String parameter) {
    String value = notBlank(text, parameter);
    if (value.startsWith("/") || value.endsWith("/") || value.contains("//")) {
      throw new IllegalArgumentException(
          parameter + " must not start or end with '/' or contain '//', for example secret/name");
    }
    for (String segment : value.split("/", -1)) {
      pathSegment(segment, parameter + " segment");
    }
    return value;
  }

  /**
   * Returns {@code text} if it can be sent as an HTTP header value as it is: visible ASCII only.
   * The message never holds the value, which may be a secret (OkHttp's own refusal would print it).
   */
  public static String headerValue(@Nullable String text, String parameter) {
    String value = notBlank(text, parameter);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            parameter + " must be visible ASCII characters only (it is sent as a header)");
      }
    }
    return value;
  }

  /** Returns {@code value} if it is not blank and has no control characters. */
  public static String noControlCharacters(@Nullable String text, String parameter) {
    String value = notBlank(text, parameter);
    wellFormed(value, parameter);
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(parameter + " must not contain control characters");
      }
    }
    return value;
  }

  /**
   * Rejects a lone UTF-16 surrogate: UTF-8 encoders turn it into {@code ?}, so the server would
   * receive another name than the caller gave (in a URL path, a different segment).
   */
  private static void wellFormed(String value, String parameter) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            parameter + " must be well-formed Unicode (it holds a lone surrogate)");
      }
    }
  }

  /** Returns {@code value} if it is an absolute http or https URL with a host. */
  public static URI httpUrl(@Nullable String value, String parameter) {
    String rule = parameter + " must be an http or https URL with a host";
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(rule);
    }
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(rule);
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(rule + " and no query or fragment");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(rule);
    }
  }

  /** Returns {@code file} if it is an existing, readable regular file. */
  public static Path readableFile(@Nullable Path path, String parameter) {
    Path file = notNull(path, parameter);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          parameter + " must be an existing regular file (not a directory): " + file);
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(parameter + " must be a readable file: " + file);
    }
    return file;
  }

  /**
   * Returns {@code target} as an absolute path if it can become a snapshot file: not a directory,
   * in an existing directory.
   */
  public static Path snapshotTarget(@Nullable Path path) {
    Path target = notNull(path, "target");
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("target must be a file, not a directory: " + target);
    }
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException("target must be in an existing directory: " + target);
    }
    return absolute;
  }

  /** Reads {@code file} as PEM text, checking that it holds a PEM block. */
  public static String readPem(@Nullable Path path, String parameter) {
    Path file = readableFile(path, parameter);
    try {
      return pem(Files.readString(file, StandardCharsets.UTF_8), parameter);
    } catch (IOException e) {
      throw new IllegalArgumentException(parameter + " must be a readable file: " + file, e);
    }
  }

  /** Returns {@code text} if it holds a PEM block. */
  public static String pem(@Nullable String text, String parameter) {
    if (text == null || !text.contains("-----BEGIN ")) {
      throw new IllegalArgumentException(parameter + " must be PEM text (-----BEGIN ...)");
    }
    return text;
  }
}
