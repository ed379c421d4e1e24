package io.github.vaultx.raft.internal;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OkHttp interceptors of the client, outermost first. Each reads the request's {@link
 * Operation} from its tag ({@link Operation#of}) and fails loudly when a request has none.
 */
final class Interceptors {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.vaultx.raft.requests");
  static final int MAX_REDIRECTS = 3;

  private Interceptors() {}

  /**
   * Adds the token and the namespace (never to an operation that takes no token, such as a join),
   * asks standbys not to forward calls that are sent once, and asks for snapshots unencoded.
   */
  static Interceptor headers(@Nullable VaultToken token, @Nullable String namespace) {
    return chain -> {
      Request request = chain.request();
      Operation operation = Operation.of(request);
      Request.Builder builder = request.newBuilder();
      if (!operation.has(Operation.Trait.NO_TOKEN)) {
        // A call that carries its own token (a DR operation token on a DR secondary) keeps it.
        if (token != null && request.header("X-Vault-Token") == null) {
          builder.header("X-Vault-Token", token.reveal());
        }
        if (namespace != null) {
          builder.header("X-Vault-Namespace", namespace);
        }
      }
      if (operation.sentOnce()) {
        // A standby forwards a request to the active node and, when the forwarding fails, answers
        // with a redirect - even when the active node applied the request before the failure (an
        // active node killed mid-request: Vault's http/handler.go falls back to redirection on any
        // forwarding error). Asked not to forward, a standby redirects without acting, so that a
        // redirect proves the request was not applied and the call may be sent to the active node.
        builder.header("X-Vault-No-Request-Forwarding", "true");
      }
      if (operation.has(Operation.Trait.DOWNLOADS_SNAPSHOT)) {
        // The snapshot is application/gzip content: it must arrive byte for byte as Vault sent it.
        builder.header("Accept-Encoding", "identity");
      }
      return chain.proceed(builder.build());
    };
  }

  /** A redirect the client will not follow; becomes a {@code StandbyNodeException}. */
  static final class RedirectRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String reason;

    RedirectRefusedException(int status, String reason) {
      super(reason);
      this.status = status;
      this.reason = reason;
    }
  }

  /**
   * Follows a standby's 307/308 to the active node for the snapshot endpoints and for calls sent
   * once (which ask standbys not to forward them, see {@link #headers}), keeping the method,
   * headers (the token: the active node is part of the same cluster, as the vault CLI assumes) and
   * the body (restores are sent from a file, so the body can be written again). Never from https to
   * http, at most {@link #MAX_REDIRECTS} hops.
   */
  static Interceptor redirects(boolean disabled) {
    return chain -> {
      Request request = chain.request();
      Response response = chain.proceed(request);
      Operation operation = Operation.of(request);
      if (!operation.has(Operation.Trait.STANDBY_REDIRECT) && !operation.sentOnce()) {
        return response;
      }
      int hops = 0;
      while (response.code() == 307 || response.code() == 308) {
        int status = response.code();
        String location = response.header("Location");
        response.close();
        if (disabled) {
          throw new RedirectRefusedException(
              status, "redirected to the active node, but redirects are disabled");
        }
        if (++hops > MAX_REDIRECTS) {
          throw new RedirectRefusedException(
              status, "more than " + MAX_REDIRECTS + " redirects; not following");
        }
        HttpUrl target = location == null ? null : request.url().resolve(location);
        if (target == null) {
          throw new RedirectRefusedException(status, "redirect without a usable Location");
        }
        if (request.url().isHttps() && !target.isHttps()) {
          throw new RedirectRefusedException(
              status, "redirect from https to http refused: the token would travel unencrypted");
        }
        boolean upgrade = !request.url().isHttps() && target.isHttps();
        request = request.newBuilder().url(target).build();
        try {
          response = chain.proceed(request);
        } catch (IllegalStateException e) {
          if (!upgrade) {
            throw e;
          }
          // OkHttp's "CLEARTEXT-only client": every address given was http, so no TLS was set up.
          throw new RedirectRefusedException(
              status,
              "redirect from http to https, but the client was set up for http addresses only;"
                  + " give it the https address");
        }
      }
      return response;
    };
  }

  /**
   * Observes each HTTP attempt as a child of its call's observation, found in the request's {@link
   * AttemptTag}: inside {@link #redirects}, so each hop of a redirect is an attempt of its own.
   */
  static Interceptor observed() {
    return chain -> {
      Request request = chain.request();
      return AttemptTag.callOf(request).exchange(chain, request);
    };
  }

  /**
   * Marks the bodies of calls that act on the cluster as one-shot, so OkHttp never silently sends
   * them again after a connection broke mid-request; refused connections are still retried.
   */
  static Interceptor oneShotBodies() {
    return chain -> {
      Request request = chain.request();
      Operation operation = Operation.of(request);
      RequestBody body = request.body();
      if (!operation.sentOnce() || body == null || body.isOneShot()) {
        return chain.proceed(request);
      }
      return chain.proceed(
          request.newBuilder().method(request.method(), new OneShot(body)).build());
    };
  }

  private static final class OneShot extends RequestBody {
    private final RequestBody delegate;

    OneShot(RequestBody delegate) {
      this.delegate = delegate;
    }

    @Override
    public @Nullable MediaType contentType() {
      return delegate.contentType();
    }

    @Override
    public long contentLength() throws IOException {
      return delegate.contentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      delegate.writeTo(sink);
    }

    @Override
    public boolean isOneShot() {
      return true;
    }
  }

  /**
   * Logs each exchange at debug: operation, method, node, path, status, time. Never a header or
   * body.
   */
  static Interceptor logging() {
    return chain -> {
      Request request = chain.request();
      String name = Operation.of(request).publicName;
      HttpUrl url = request.url();
      long start = System.nanoTime();
      try {
        Response response = chain.proceed(request);
        if (LOG.isDebugEnabled()) {
          LOG.debug(
              "{} {} {}:{}{} -> {} in {} ms",
              name,
              request.method(),
              url.host(),
              url.port(),
              url.encodedPath(),
              response.code(),
              (System.nanoTime() - start) / 1_000_000);
        }
        return response;
      } catch (IOException e) {
        if (LOG.isDebugEnabled()) {
          LOG.debug(
              "{} {} {}:{}{} -> {} after {} ms",
              name,
              request.method(),
              url.host(),
              url.port(),
              url.encodedPath(),
              e.getClass().getSimpleName(),
              (System.nanoTime() - start) / 1_000_000);
        }
        throw e;
      }
    };
  }
}
