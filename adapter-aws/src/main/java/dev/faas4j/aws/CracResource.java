package dev.faas4j.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/** The {@code org.crac} face of {@link Priming}; loaded only after the probe found {@code org.crac}. */
final class CracResource implements Resource {
  private final Priming priming;

  CracResource(Priming priming) {
    this.priming = priming;
  }

  static CracResource register(Priming priming) {
    CracResource resource = new CracResource(priming);
    Core.getGlobalContext().register(resource);
    return resource;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    priming.beforeCheckpoint();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    priming.afterRestore();
  }
}
