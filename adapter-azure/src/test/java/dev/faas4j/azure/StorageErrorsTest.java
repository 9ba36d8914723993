package dev.faas4j.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import dev.faas4j.port.PortException.Reason;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Azure Storage's error code first, then the status as on every cloud. */
class StorageErrorsTest {

  @Test
  void serverBusyIsThrottlingAndOtherUnavailabilityIsUnavailable() {
    assertThat(StorageErrors.reason(failure(503, "ServerBusy"))).isEqualTo(Reason.THROTTLED);
    assertThat(StorageErrors.reason(failure(500, "OperationTimedOut"))).isEqualTo(Reason.UNAVAILABLE);
    assertThat(StorageErrors.reason(failure(503, null))).isEqualTo(Reason.UNAVAILABLE);
    assertThat(StorageErrors.reason(failure(404, "BlobNotFound"))).isEqualTo(Reason.NOT_FOUND);
    assertThat(StorageErrors.reason(failure(429, null))).isEqualTo(Reason.THROTTLED);
    assertThat(StorageErrors.reason(new UncheckedIOException(new java.io.IOException("reset"))))
        .isEqualTo(Reason.UNAVAILABLE);
  }

  @Test
  void theDescriptionNamesTheStatusNotTheServiceMessage() {
    assertThat(StorageErrors.describe("Put blob", failure(503, "ServerBusy"))).isEqualTo("Put blob failed with HTTP 503");
  }

  private static HttpResponseException failure(int status, String code) {
    HttpHeaders headers = new HttpHeaders();
    if (code != null) {
      headers.set(HttpHeaderName.fromString("x-ms-error-code"), code);
    }
    HttpResponse response = new HttpResponse(new HttpRequest(HttpMethod.PUT, "https://acct.blob.core.windows.net/c/key")) {
      @Override
      public int getStatusCode() {
        return status;
      }

      @Override
      @SuppressWarnings("deprecation")
      public String getHeaderValue(String name) {
        return headers.getValue(name);
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }

      @Override
      public Flux<ByteBuffer> getBody() {
        return Flux.empty();
      }

      @Override
      public Mono<byte[]> getBodyAsByteArray() {
        return Mono.empty();
      }

      @Override
      public Mono<String> getBodyAsString() {
        return Mono.empty();
      }

      @Override
      public Mono<String> getBodyAsString(Charset charset) {
        return Mono.empty();
      }
    };
    return new HttpResponseException("the service's message, which can echo keys", response);
  }
}
