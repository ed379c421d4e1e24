package io.github.vaultx.raft.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP to a Vault node for the contract tests' set-up (provider states, fetching the server's
 * OpenAPI document): deliberately not the client under test, so a client bug cannot hide a provider
 * problem.
 */
final class VaultHttp {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private VaultHttp() {}

  /** A response: status and body text. */
  record Answer(int status, String body) {}

  static Answer send(String method, URI node, String path, String token, String jsonBody) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.resolve("/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Sends and insists on a 2xx answer. */
  static String ok(String method, URI node, String path, String token, String jsonBody) {
    Answer answer = send(method, node, path, token, jsonBody);
    if (answer.status() / 100 != 2) {
      throw new IllegalStateException(
          method
              + " "
              + path
              + " on "
              + node
              + " answered "
              + answer.status()
              + ": "
              + answer.body());
    }
    return answer.body();
  }

  /** Sends a binary body (a snapshot) and insists on a 2xx answer; the answer's body. */
  static String okBinary(String method, URI node, String path, String token, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(node.resolve("/v1/" + path))
            .timeout(Duration.ofSeconds(60))
            .header("X-Vault-Token", token)
            .header("Content-Type", "application/octet-stream")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Downloads a snapshot from the active node. */
  static byte[] snapshot(URI activeNode, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(activeNode.resolve("/v1/sys/storage/raft/snapshot"))
            .timeout(Duration.ofSeconds(60))
            .header("X-Vault-Token", token)
            .GET()
            .build();
    try {
      HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("snapshot answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("snapshot failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Waits until {@code check} holds, or fails after {@code timeout}. */
  static void await(String what, Duration timeout, java.util.function.BooleanSupplier check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (check.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not yet: the node may be restarting or applying a restore
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
