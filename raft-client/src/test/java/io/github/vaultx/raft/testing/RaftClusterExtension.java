package io.github.vaultx.raft.testing;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One {@link LocalRaftCluster} per test class: started before the first test, closed after the
 * last; a failing test prints the end of every node's log.
 *
 * <pre>{@code
 * @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);
 * ... CLUSTER.cluster().client() ...
 * }</pre>
 */
public final class RaftClusterExtension
    implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
  private final LocalRaftCluster.Builder builder;
  private @Nullable LocalRaftCluster cluster;

  private RaftClusterExtension(LocalRaftCluster.Builder builder) {
    this.builder = builder;
  }

  /**
   * An extension that starts a cluster of {@code count} nodes.
   *
   * @param count the number of nodes
   * @return the extension; register it on a {@code static} field
   */
  public static RaftClusterExtension nodes(int count) {
    return new RaftClusterExtension(LocalRaftCluster.builder().nodes(count));
  }

  /**
   * The running cluster.
   *
   * @return the cluster of the current test class
   * @throws IllegalStateException outside the class's tests
   */
  public LocalRaftCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("the cluster runs only during the test class");
    }
    return cluster;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = builder.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    if (cluster != null) {
      System.err.println(
          context.getDisplayName()
              + " failed; node health "
              + cluster.healthByNode()
              + "\n"
              + cluster.logTails(20));
    }
    throw throwable;
  }
}
