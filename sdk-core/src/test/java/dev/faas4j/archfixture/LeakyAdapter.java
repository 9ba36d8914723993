package dev.faas4j.archfixture;

import com.amazonaws.fake.VendorThing;

/** Test-only: a dev.faas4j class that imports a vendor package and prints, which the rules must reject. */
public final class LeakyAdapter {
  public String region() {
    System.out.println("region lookup");
    return VendorThing.region();
  }

  public void fail() {
    throw new RuntimeException("generic");
  }
}
