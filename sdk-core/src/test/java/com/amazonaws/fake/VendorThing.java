package com.amazonaws.fake;

/** A stand-in for a cloud SDK type, so the architecture rules can be shown to catch a vendor import. */
public final class VendorThing {
  public static String region() {
    return "eu-central-1";
  }
}
