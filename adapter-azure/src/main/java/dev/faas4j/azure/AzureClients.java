package dev.faas4j.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;

/** The HTTP stack every Azure client here uses: the JDK's own client instead of Netty (smaller, faster cold start). */
final class AzureClients {
  private AzureClients() {}

  private static final class Holder {
    static final HttpClient CLIENT = new JdkHttpClientBuilder().build();
  }

  static HttpClient httpClient() {
    return Holder.CLIENT;
  }
}
