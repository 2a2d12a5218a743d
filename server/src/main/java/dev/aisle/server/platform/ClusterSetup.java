package dev.aisle.server.platform;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the Hazelcast member configuration: {@code config/hazelcast.xml} plus the cluster settings from AisleConfig. */
public final class ClusterSetup {

  private ClusterSetup() {}

  public static Config hazelcast(AisleConfig config) throws IOException {
    Path file = config.configDir().resolve("hazelcast.xml");
    Config hz;
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        hz = new XmlConfigBuilder(in).build();
      }
    } else {
      try (InputStream in = ClusterSetup.class.getResourceAsStream("/aisle/hazelcast.xml")) {
        hz = new XmlConfigBuilder(in).build();
      }
    }
    AisleConfig.Cluster cluster = config.cluster();
    hz.setClusterName(cluster.name());
    hz.setInstanceName("aisle-" + cluster.name() + "-" + cluster.port() + "-" + System.nanoTime());
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(20);
    network.getInterfaces().setEnabled(true).addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    var tcp = join.getTcpIpConfig().setEnabled(true);
    tcp.getMembers().clear();
    if (cluster.members().isEmpty()) {
      tcp.addMember(cluster.host() + ":" + cluster.port());
    } else {
      cluster.members().forEach(tcp::addMember);
    }
    return hz;
  }
}
