package io.github.vaultx.raft.agent;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Where several agents for one cluster agree who takes each interval's snapshot: a document per
 * configuration in a KV version 2 secrets engine of the cluster itself, at {@code
 * <mount>/data/<path>/<configuration name>}, written with check-and-set (docs/agent.md, "Several
 * agents, one snapshot"). Every agent sharing a lease needs the same configuration.
 *
 * <pre>{@code
 * KvLease lease =
 *     KvLease.builder("agent-leases", "raft-snapshots")
 *         .addresses(List.of("https://vault-1:8200", "https://vault-2:8200"))
 *         .token(System.getenv("VAULT_TOKEN"))
 *         .sslContext(context)
 *         .build();
 * RaftSnapshotAgent.builder(client).configurations(named).lease(lease).build();
 * }</pre>
 *
 * <p>The raft client has no KV operations, so the lease makes its few KV calls with the JDK's HTTP
 * client: a read and a check-and-set write per interval, to the first address that answers (a
 * standby forwards them to the active node). The token needs {@code read}, {@code create} and
 * {@code update} on {@code <mount>/data/<path>/*}. It never appears in {@link #toString()}, logs or
 * messages.
 */
public final class KvLease {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Map<String, Object>> JSON =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String mount;
  private final String path;
  private final List<URI> addresses;
  private final String token;
  private final @Nullable String namespace;
  private final String holder;
  private final HttpClient http;

  private KvLease(Builder builder) {
    this.mount = builder.mount;
    this.path = builder.path;
    this.addresses = List.copyOf(builder.addresses);
    this.token = builder.token == null ? "" : builder.token;
    this.namespace = builder.namespace;
    this.holder = builder.holder == null ? defaultHolder() : builder.holder;
    HttpClient.Builder http =
        HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL);
    if (builder.sslContext != null) {
      http.sslContext(builder.sslContext);
    }
    this.http = http.build();
  }

  /**
   * Starts building a lease kept in the KV version 2 engine mounted at {@code mount}.
   *
   * @param mount the engine's mount path, for example {@code secret}
   * @param path the folder below it that holds one document per configuration
   * @return a builder
   * @throws IllegalArgumentException if either is blank or starts or ends with {@code /}
   */
  public static Builder builder(String mount, String path) {
    return new Builder(segment("mount", mount), segment("path", path));
  }

  /**
   * Parses {@code MOUNT/PATH}, as the CLI's {@code -lease-path} takes it: the first segment is the
   * mount.
   *
   * @param mountAndPath for example {@code secret/raft-snapshots}
   * @return a builder
   * @throws IllegalArgumentException if there is no {@code /} between two non-blank parts
   */
  public static Builder builder(String mountAndPath) {
    int slash = mountAndPath == null ? -1 : mountAndPath.indexOf('/');
    if (slash <= 0 || slash == mountAndPath.length() - 1) {
      throw new IllegalArgumentException(
          "the lease path must be MOUNT/PATH (a KV version 2 mount and a folder in it), was '"
              + mountAndPath
              + "'");
    }
    return builder(mountAndPath.substring(0, slash), mountAndPath.substring(slash + 1));
  }

  private static String segment(String name, @Nullable String value) {
    if (value == null || value.isBlank() || value.startsWith("/") || value.endsWith("/")) {
      throw new IllegalArgumentException(
          "the lease " + name + " must not be blank or start or end with '/', was '" + value + "'");
    }
    return value;
  }

  /** This agent's name in the lease documents: host name and a random suffix. */
  private static String defaultHolder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "agent";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Returns the name this agent writes as the holder of the slots it claims.
   *
   * @return the holder id
   */
  public String holder() {
    return holder;
  }

  /** The lease of one configuration. */
  SlotLease.Kv document(String configuration) {
    return new Document(path + "/" + configuration);
  }

  /** The mount, path and holder; never the token. */
  @Override
  public String toString() {
    return "KvLease[" + mount + "/" + path + ", holder=" + holder + "]";
  }

  /** One document, read and written with KV version 2's {@code data/} API. */
  private final class Document implements SlotLease.Kv {
    private final String key;
    private volatile boolean mountChecked;

    Document(String key) {
      this.key = key;
    }

    @Override
    public String describe() {
      return mount + "/" + key;
    }

    @Override
    public SlotLease.Versioned read() {
      if (!mountChecked) {
        checkMount();
        mountChecked = true;
      }
      Answer answer = send("GET", "/v1/" + mount + "/data/" + key, null);
      Map<String, Object> data = object(answer.json().get("data"));
      long version = number(object(data.get("metadata")).get("version"));
      if (answer.status == 404) {
        // Never written, or its newest version deleted: KV v2 still counts its versions.
        return new SlotLease.Versioned(null, version);
      }
      if (answer.status != 200) {
        throw answer.failure("GET");
      }
      return new SlotLease.Versioned(object(data.get("data")), version);
    }

    @Override
    public boolean write(Map<String, Object> fields, long cas) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("options", Map.of("cas", cas));
      body.put("data", fields);
      Answer answer = send("POST", "/v1/" + mount + "/data/" + key, JSON.toJson(body));
      if (answer.status == 200 || answer.status == 204) {
        return true;
      }
      if (answer.status == 400 && answer.body.contains("check-and-set")) {
        return false;
      }
      throw answer.failure("POST");
    }

    /**
     * Insists on a KV version 2 mount before the first write: version 1 takes the same write
     * without check-and-set (storing {@code options} as a field), which would let two agents take
     * one slot.
     */
    private void checkMount() {
      Answer answer = send("GET", "/v1/sys/internal/ui/mounts/" + mount, null);
      Map<String, Object> data = object(answer.json().get("data"));
      Object version = object(data.get("options")).get("version");
      if (answer.status != 200 || !"kv".equals(data.get("type")) || !"2".equals(version)) {
        throw new IllegalStateException(
            mount
                + " is not a KV version 2 mount the lease token can see ("
                + answer.status
                + " on GET sys/internal/ui/mounts/"
                + mount
                + (data.get("type") == null ? "" : ", type " + data.get("type") + " " + version)
                + "): the lease needs check-and-set");
      }
    }

    /** Sends to the first address that answers. */
    private Answer send(String method, String path, @Nullable String body) {
      List<String> failures = new ArrayList<>();
      for (URI address : addresses) {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(address.resolve(path))
                .timeout(TIMEOUT)
                .header("X-Vault-Token", token)
                .header("X-Vault-Request", "true");
        if (namespace != null) {
          request.header("X-Vault-Namespace", namespace);
        }
        if (body == null) {
          request.GET();
        } else {
          request
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
          HttpResponse<String> response =
              http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 503 || response.statusCode() == 429) {
            // Sealed, or a standby that cannot forward: another node may answer.
            failures.add(address + " answered " + response.statusCode());
            continue;
          }
          return new Answer(response.statusCode(), response.body(), describe());
        } catch (IOException e) {
          failures.add(address + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while reading the lease", e);
        }
      }
      throw new IllegalStateException(
          "the lease at " + describe() + " could not be reached: " + String.join("; ", failures));
    }
  }

  private record Answer(int status, String body, String where) {
    Map<String, Object> json() {
      if (body.isBlank()) {
        return Map.of();
      }
      try {
        Map<String, Object> value = JSON.fromJson(body);
        return value == null ? Map.of() : value;
      } catch (IOException | RuntimeException e) {
        return Map.of();
      }
    }

    /** Vault's status and its own errors; the body holds no token on these paths. */
    IllegalStateException failure(String method) {
      Object errors = json().get("errors");
      return new IllegalStateException(
          status + " on " + method + " " + where + ": " + (errors == null ? "" : errors));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(@Nullable Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static long number(@Nullable Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  /** Builds a {@link KvLease}. */
  public static final class Builder {
    private final String mount;
    private final String path;
    private final List<URI> addresses = new ArrayList<>();
    private @Nullable String token;
    private @Nullable SSLContext sslContext;
    private @Nullable String namespace;
    private @Nullable String holder;

    private Builder(String mount, String path) {
      this.mount = mount;
      this.path = path;
    }

    /**
     * Sets the nodes to reach the KV engine through, tried in order (the agent's own addresses).
     *
     * @param urls one or more API addresses, {@code http} or {@code https}
     * @return this builder
     * @throws IllegalArgumentException if the list is empty or an address is not an http(s) URL
     */
    public Builder addresses(List<String> urls) {
      if (urls == null || urls.isEmpty()) {
        throw new IllegalArgumentException("the lease needs at least one address");
      }
      addresses.clear();
      for (String url : urls) {
        URI uri;
        try {
          uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("lease address '" + url + "' is not a URL", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new IllegalArgumentException(
              "lease address '" + url + "' must be an http or https URL");
        }
        addresses.add(uri);
      }
      return this;
    }

    /**
     * Takes the addresses, token, namespace and CA certificates from the vault CLI's variables, as
     * the client reads them: {@code VAULT_ADDR} and {@code VAULTX_ADDRESSES} (default {@code
     * https://127.0.0.1:8200}), {@code VAULT_TOKEN} then {@code ~/.vault-token}, {@code
     * VAULT_NAMESPACE}, {@code VAULT_CACERT} and {@code VAULT_CAPATH}. Values set on this builder
     * before or after win over the environment.
     *
     * <p>Client certificates ({@code VAULT_CLIENT_CERT}), {@code VAULT_SKIP_VERIFY} and {@code
     * VAULT_TLS_SERVER_NAME} are refused for an {@code https} address rather than ignored: the
     * lease's own HTTP client does not offer them (docs/agent.md).
     *
     * @param env the variables, as {@link System#getenv()}
     * @return this builder
     * @throws IllegalArgumentException naming the variable that cannot be used
     */
    public Builder environment(Map<String, String> env) {
      if (env == null) {
        throw new IllegalArgumentException("the environment must not be null");
      }
      if (addresses.isEmpty()) {
        List<String> urls = new ArrayList<>();
        String vaultAddr = text(env, "VAULT_ADDR");
        if (vaultAddr != null) {
          urls.add(vaultAddr);
        }
        String list = text(env, "VAULTX_ADDRESSES");
        if (list != null) {
          for (String entry : list.split(",")) {
            if (!entry.isBlank() && !urls.contains(entry.trim())) {
              urls.add(entry.trim());
            }
          }
        }
        addresses(urls.isEmpty() ? List.of("https://127.0.0.1:8200") : urls);
      }
      if (token == null) {
        String fromEnv = text(env, "VAULT_TOKEN");
        String found = fromEnv != null ? fromEnv.trim() : tokenFile(env);
        if (found != null) {
          token(found);
        }
      }
      String ns = text(env, "VAULT_NAMESPACE");
      if (namespace == null && ns != null) {
        namespace(ns);
      }
      boolean https = addresses.stream().anyMatch(u -> "https".equals(u.getScheme()));
      if (https) {
        for (String unsupported :
            List.of("VAULT_CLIENT_CERT", "VAULT_CLIENT_KEY", "VAULT_TLS_SERVER_NAME")) {
          if (text(env, unsupported) != null) {
            throw new IllegalArgumentException(
                unsupported + " is not supported by the snapshot lease's KV calls");
          }
        }
        String skip = text(env, "VAULT_SKIP_VERIFY");
        if (skip != null && !skip.equalsIgnoreCase("false") && !skip.equals("0")) {
          throw new IllegalArgumentException(
              "VAULT_SKIP_VERIFY is not supported by the snapshot lease's KV calls");
        }
        if (sslContext == null) {
          String caCert = text(env, "VAULT_CACERT");
          String caPath = text(env, "VAULT_CAPATH");
          if (caCert != null || caPath != null) {
            sslContext = Trust.sslContext(caCert, caPath);
          }
        }
      }
      return this;
    }

    private static @Nullable String text(Map<String, String> env, String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? null : value;
    }

    private static @Nullable String tokenFile(Map<String, String> env) {
      String home = text(env, "HOME");
      if (home == null) {
        home = System.getProperty("user.home");
      }
      if (home == null) {
        return null;
      }
      java.nio.file.Path file = java.nio.file.Path.of(home, ".vault-token");
      if (!java.nio.file.Files.isReadable(file)) {
        return null;
      }
      try {
        String content =
            java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).trim();
        return content.isEmpty() ? null : content;
      } catch (IOException e) {
        throw new IllegalArgumentException("~/.vault-token cannot be read as a token");
      }
    }

    /**
     * Sets the token for the KV calls.
     *
     * @param token the token; never logged
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder token(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("the lease token must not be blank");
      }
      this.token = token;
      return this;
    }

    /**
     * Sets the TLS context for {@code https} addresses (default: the JVM's).
     *
     * @param context the context, trusting the cluster's CA
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public Builder sslContext(SSLContext context) {
      if (context == null) {
        throw new IllegalArgumentException("the lease's SSL context must not be null");
      }
      this.sslContext = context;
      return this;
    }

    /**
     * Sets the Vault Enterprise namespace the mount lives in.
     *
     * @param namespace the namespace
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder namespace(String namespace) {
      if (namespace == null || namespace.isBlank()) {
        throw new IllegalArgumentException("the lease namespace must not be blank");
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * Sets this agent's name in the lease documents (default: the host name and a random suffix).
     * Every agent needs its own.
     *
     * @param holder the name
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder holder(String holder) {
      if (holder == null || holder.isBlank()) {
        throw new IllegalArgumentException("the lease holder must not be blank");
      }
      this.holder = holder;
      return this;
    }

    /**
     * Builds the lease.
     *
     * @return the lease
     * @throws IllegalArgumentException if no address or no token was set
     */
    public KvLease build() {
      if (addresses.isEmpty()) {
        throw new IllegalArgumentException("the lease needs at least one address");
      }
      if (token == null) {
        throw new IllegalArgumentException("the lease needs a token");
      }
      return new KvLease(this);
    }
  }
}
