/**
 * The Retrofit interfaces and Moshi models generated from {@code spec/vault-raft.openapi.yaml}.
 * Internal to vaultx-raft: no compatibility is promised, and only the client module uses it.
 */
module io.github.vaultx.raft.internal.generated {
  requires transitive retrofit2;
  requires transitive com.squareup.moshi;
  requires transitive okhttp3;

  // Exported to everyone, not only to io.github.vaultx.raft: Retrofit's proxies and Moshi's
  // adapters are created from other modules.
  exports io.github.vaultx.raft.internal.generated.api;
  exports io.github.vaultx.raft.internal.generated.model;

  // Moshi reads and writes the models' fields by reflection.
  opens io.github.vaultx.raft.internal.generated.model to
      com.squareup.moshi;
}
