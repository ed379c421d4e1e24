/** A user's JPMS application: it needs the client's module name and nothing else. */
module io.github.vaultx.it.jpms {
  requires io.github.vaultx.raft;
}
