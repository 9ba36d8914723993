package dev.faas4j.aws;

import dev.faas4j.spi.CurrentInvocation;
import dev.faas4j.spi.TraceAttributes;
import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link ObjectStorage} on one S3 bucket. Conditional writes use S3's own {@code If-None-Match: *} and
 * {@code If-Match} on PutObject, so they are atomic; a failed condition (412, or 409 for a concurrent conditional
 * write) is {@code CONFLICT}. Keys are checked with {@link Keys#objectKey} before any request.
 */
final class S3ObjectStorage implements ObjectStorage {
  private final Supplier<S3Client> client;
  private final String bucket;
  private final Clock clock;

  /** A store on {@code bucket} (the physical bucket name) through {@code client}. */
  S3ObjectStorage(S3Client client, String bucket) {
    this(() -> client, bucket, Clock.systemUTC());
  }

  S3ObjectStorage(Supplier<S3Client> client, String bucket, Clock clock) {
    this.client = client;
    this.bucket = bucket;
    this.clock = clock;
  }

  @Override
  public String bucket() {
    return bucket;
  }

  static final String TRACE_HEADER = "X-Amzn-Trace-Id";

  @Override
  public ObjectInfo put(String key, byte[] content, PutOptions userOptions) {
    Keys.objectKey(key);
    // The writer's trace: in the metadata (x-amz-meta-traceparent) for whoever reads the object, and as the X-Ray
    // header, which S3 passes on to the notifications the write causes (the object function's Lambda trace).
    PutOptions options = TraceAttributes.metadata(userOptions);
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
        .metadata(options.metadata());
    CurrentInvocation.trace().ifPresent(t -> request.overrideConfiguration(o -> o.putHeader(TRACE_HEADER,
        XRay.header(t))));
    options.contentType().ifPresent(request::contentType);
    if (options.isIfAbsent()) {
      request.ifNoneMatch("*");
    }
    options.ifMatchEtag().ifPresent(etag -> request.ifMatch("\"" + etag + "\""));
    PutObjectResponse response;
    try {
      response = client.get().putObject(request.build(), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      if (options.ifMatchEtag().isPresent() && e instanceof S3Exception s && s.statusCode() == 404) {
        throw new ObjectStorageException(Reason.CONFLICT, "S3 PutObject: the object to match does not exist", e);
      }
      throw failure("S3 PutObject", e);
    }
    return new ObjectInfo(key, content.length, unquote(response.eTag()), options.contentType(),
        options.metadata(), clock.instant(), Optional.ofNullable(response.versionId()));
  }

  @Override
  public Optional<StoredObject> get(String key) {
    Keys.objectKey(key);
    try {
      ResponseBytes<GetObjectResponse> bytes =
          client.get().getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build());
      GetObjectResponse r = bytes.response();
      byte[] content = bytes.asByteArrayUnsafe();
      return Optional.of(new StoredObject(info(key, content.length, r.eTag(), r.contentType(), r.metadata(),
          r.lastModified(), r.versionId()), content));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("S3 GetObject", e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    Keys.objectKey(key);
    try {
      HeadObjectResponse r = client.get().headObject(b -> b.bucket(bucket).key(key));
      return Optional.of(info(key, r.contentLength() == null ? 0 : r.contentLength(), r.eTag(), r.contentType(),
          r.metadata(), r.lastModified(), r.versionId()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) { // HEAD has no body, so no error code to tell a missing key from a bucket
        return Optional.empty();
      }
      throw failure("S3 HeadObject", e);
    } catch (SdkException e) {
      throw failure("S3 HeadObject", e);
    }
  }

  @Override
  public void delete(String key) {
    Keys.objectKey(key);
    try {
      client.get().deleteObject(b -> b.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      // already gone
    } catch (SdkException e) {
      throw failure("S3 DeleteObject", e);
    }
  }

  @Override
  public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new ObjectStorageException(Reason.INVALID_ARGUMENT, "Page size must be 1 to 1000; got " + pageSize);
    }
    ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
        .maxKeys(pageSize);
    if (pageToken != null) {
      request.continuationToken(pageToken);
    }
    ListObjectsV2Response r;
    try {
      r = client.get().listObjectsV2(request.build());
    } catch (SdkException e) {
      throw failure("S3 ListObjectsV2", e);
    }
    List<ObjectInfo> objects = r.contents().stream()
        .map(o -> new ObjectInfo(o.key(), o.size() == null ? 0 : o.size(), unquote(o.eTag()), Optional.empty(),
            Map.of(), o.lastModified() == null ? Instant.EPOCH : o.lastModified(), Optional.empty()))
        .toList();
    boolean more = Boolean.TRUE.equals(r.isTruncated()) && r.nextContinuationToken() != null;
    return new ObjectPage(objects, more ? Optional.of(r.nextContinuationToken()) : Optional.empty());
  }

  private static ObjectInfo info(String key, long size, @Nullable String etag, @Nullable String contentType,
      @Nullable Map<String, String> metadata, @Nullable Instant lastModified, @Nullable String version) {
    return new ObjectInfo(key, size, unquote(etag), Optional.ofNullable(contentType),
        metadata == null ? Map.of() : metadata, lastModified == null ? Instant.EPOCH : lastModified,
        Optional.ofNullable(version).filter(v -> !v.equals("null")));
  }

  private static String unquote(@Nullable String etag) {
    if (etag == null) {
      return "";
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1) : etag;
  }

  private static ObjectStorageException failure(String operation, SdkException e) {
    return new ObjectStorageException(AwsErrors.reason(e), AwsErrors.message(operation, e), e);
  }
}
