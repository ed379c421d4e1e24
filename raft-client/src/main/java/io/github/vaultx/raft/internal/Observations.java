package io.github.vaultx.raft.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Where the client reports each call and its HTTP attempts as they happen. Free of Micrometer types
 * so that the client runs without Micrometer; {@link MicrometerObservationBinding} is the only
 * implementation that needs it.
 */
interface Observations {
  /** Observes nothing. */
  Observations NONE = operation -> Call.NONE;

  /**
   * Starts observing one public call, on the caller's thread (its current observation is the
   * parent).
   */
  Call start(Operation operation);

  /** One public call being observed; it reaches the attempts through their {@link AttemptTag}. */
  interface Call {
    /** Sends without observing. */
    Call NONE =
        new Call() {
          @Override
          public Response exchange(Interceptor.Chain chain, Request request) throws IOException {
            return chain.proceed(request);
          }

          @Override
          public Scope openScope() {
            return () -> {};
          }

          @Override
          public void stop(@Nullable Throwable failure) {}
        };

    /** Sends one HTTP attempt of this call (a redirect's hop is one too) as its child. */
    Response exchange(Interceptor.Chain chain, Request request) throws IOException;

    /** Makes this call the current observation of this thread until closed. */
    Scope openScope();

    /** Ends the call. */
    void stop(@Nullable Throwable failure);
  }

  /** An open scope; closing it restores the thread's previous observation. */
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
