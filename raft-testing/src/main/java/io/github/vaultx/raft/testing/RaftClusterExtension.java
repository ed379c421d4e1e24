package io.github.vaultx.raft.testing;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One {@link LocalRaftCluster} per test class: started before the first test, closed after the
 * last; a failing test prints every node's health and the end of its log.
 *
 * <pre>{@code
 * @RegisterExtension static final RaftClusterExtension CLUSTER = RaftClusterExtension.nodes(3);
 *
 * @Test
 * void readsTheConfiguration() {
 *   LocalRaftCluster cluster = CLUSTER.cluster();
 *   // point the code under test at cluster.addresses() with cluster.rootToken()
 * }
 * }</pre>
 *
 * <p>With {@link LocalRaftClusterBuilder#faultProxies() fault proxies}, every fault is cleared
 * after each test, so a test that fails half-way does not leave the next one a broken network:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RaftClusterExtension CLUSTER =
 *     RaftClusterExtension.of(LocalRaftCluster.builder().faultProxies());
 *
 * @Test
 * void readsThroughALossyLink() {
 *   LocalRaftCluster cluster = CLUSTER.cluster();
 *   cluster.faults(1).add(Toxic.latency(Duration.ofMillis(300), Duration.ofMillis(100)));
 *   // point the code under test at cluster.proxiedAddresses()
 * }
 * }</pre>
 */
public final class RaftClusterExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        AfterEachCallback,
        TestExecutionExceptionHandler {
  private final LocalRaftClusterBuilder builder;
  private @Nullable LocalRaftCluster cluster;

  private RaftClusterExtension(LocalRaftClusterBuilder builder) {
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
   * An extension that starts the cluster a builder describes (TLS, another server, a longer step
   * timeout).
   *
   * <pre>{@code
   * @RegisterExtension
   * static final RaftClusterExtension CLUSTER =
   *     RaftClusterExtension.of(LocalRaftCluster.builder().nodes(2).tls(ClusterTls.generate(true)));
   * }</pre>
   *
   * @param builder the cluster to start before the class's first test
   * @return the extension; register it on a {@code static} field
   */
  public static RaftClusterExtension of(LocalRaftClusterBuilder builder) {
    return new RaftClusterExtension(builder);
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
  public void afterEach(ExtensionContext context) {
    if (cluster != null) {
      cluster.clearFaults();
    }
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
