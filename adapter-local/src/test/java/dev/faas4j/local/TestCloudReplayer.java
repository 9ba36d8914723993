package dev.faas4j.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faas4j.event.QueueMessage;
import dev.faas4j.spi.Delivery;
import dev.faas4j.spi.WireJson;
import dev.faas4j.spi.WireReplayer;

/**
 * A stand-in cloud for the console's replay wiring ({@code {"testCloud":{"id","body"}}}); the real clouds' replayers
 * are tested in their adapters, which this module does not depend on.
 */
public final class TestCloudReplayer implements WireReplayer {
  @Override
  public String cloud() {
    return "test";
  }

  @Override
  public boolean recognizes(byte[] payload) {
    return WireJson.tree(payload, "test").has("testCloud");
  }

  @Override
  public Delivery map(byte[] payload, Target target) {
    JsonNode m = WireJson.tree(payload, "test").get("testCloud");
    return target.delivery().event(QueueMessage.builder().id(m.path("id").asText())
        .queue(target.queue().orElse("orders")).time(target.clock().instant()).body(m.path("body").asText())
        .build()).build();
  }
}
