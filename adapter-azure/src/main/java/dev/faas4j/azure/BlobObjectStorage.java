package dev.faas4j.azure;

import dev.faas4j.spi.TraceAttributes;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobDownloadHeaders;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobItemProperties;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import dev.faas4j.port.Keys;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.ObjectPage;
import dev.faas4j.port.ObjectStorage;
import dev.faas4j.port.ObjectStorageException;
import dev.faas4j.port.PortException.Reason;
import dev.faas4j.port.PutOptions;
import dev.faas4j.port.StoredObject;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link ObjectStorage} on one Azure Blob Storage container (block blobs). Conditions map to ETag preconditions:
 * {@code ifAbsent} is {@code If-None-Match: *}, {@code ifMatch(etag)} is {@code If-Match}; a failed precondition
 * (412, or 409 {@code BlobAlreadyExists}) is {@link Reason#CONFLICT}. ETags are reported without their quotes.
 */
final class BlobObjectStorage implements ObjectStorage {
  private final BlobContainerClient container;

  public BlobObjectStorage(BlobContainerClient container) {
    this.container = container;
  }

  /** A store on {@code container} of the account in {@code connectionString}, over the JDK HTTP client. */
  public static BlobObjectStorage create(String connectionString, String container) {
    return new BlobObjectStorage(new BlobServiceClientBuilder().connectionString(connectionString)
        .httpClient(AzureClients.httpClient()).buildClient().getBlobContainerClient(container));
  }

  @Override
  public String bucket() {
    return container.getBlobContainerName();
  }

  @Override
  public ObjectInfo put(String key, byte[] content, PutOptions userOptions) {
    PutOptions options = TraceAttributes.metadata(userOptions); // the writer's trace, for whoever reads the blob
    Keys.objectKey(key);
    BlobRequestConditions conditions = new BlobRequestConditions();
    if (options.isIfAbsent()) {
      conditions.setIfNoneMatch("*");
    }
    options.ifMatchEtag().ifPresent(etag -> conditions.setIfMatch(quote(etag)));
    BlobHttpHeaders headers = new BlobHttpHeaders();
    options.contentType().ifPresent(headers::setContentType);
    BlobParallelUploadOptions upload = new BlobParallelUploadOptions(BinaryData.fromBytes(content))
        .setHeaders(headers).setMetadata(options.metadata()).setRequestConditions(conditions);
    try {
      Response<BlockBlobItem> response = blob(key).uploadWithResponse(upload, null, Context.NONE);
      BlockBlobItem item = response.getValue();
      return new ObjectInfo(key, content.length, unquote(item.getETag()), options.contentType(), options.metadata(),
          instant(item.getLastModified()), Optional.ofNullable(item.getVersionId()));
    } catch (RuntimeException e) {
      int status = StorageErrors.status(e);
      boolean conditional = options.isIfAbsent() || options.ifMatchEtag().isPresent();
      if (conditional && (status == 412 || status == 409 || status == 404 && !containerMissing(e))) {
        throw new ObjectStorageException(Reason.CONFLICT, "Condition failed writing the object", e);
      }
      throw failure("Put blob", e);
    }
  }

  @Override
  public Optional<StoredObject> get(String key) {
    Keys.objectKey(key);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      // One request: content and headers come from the same version of the blob.
      BlobDownloadHeaders h = blob(key).downloadStreamWithResponse(out, null, null, null, false, null, Context.NONE)
          .getDeserializedHeaders();
      ObjectInfo info = new ObjectInfo(key, out.size(), unquote(h.getETag()), Optional.ofNullable(h.getContentType()),
          h.getMetadata() == null ? Map.of() : h.getMetadata(), instant(h.getLastModified()),
          Optional.ofNullable(h.getVersionId()));
      return Optional.of(new StoredObject(info, out.toByteArray()));
    } catch (RuntimeException e) {
      if (StorageErrors.status(e) == 404) {
        return Optional.empty();
      }
      throw failure("Get blob", e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    Keys.objectKey(key);
    try {
      return Optional.of(info(key, blob(key).getProperties()));
    } catch (RuntimeException e) {
      if (StorageErrors.status(e) == 404) {
        return Optional.empty();
      }
      throw failure("Get blob properties", e);
    }
  }

  @Override
  public void delete(String key) {
    Keys.objectKey(key);
    try {
      blob(key).deleteIfExists();
    } catch (RuntimeException e) {
      throw failure("Delete blob", e);
    }
  }

  @Override
  public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new ObjectStorageException(Reason.INVALID_ARGUMENT, "Page size must be 1 to 1000; got " + pageSize);
    }
    ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix.isEmpty() ? null : prefix)
        .setMaxResultsPerPage(pageSize);
    options.getDetails().setRetrieveMetadata(true);
    try {
      Iterator<PagedResponse<BlobItem>> pages = container.listBlobs(options, pageToken, null)
          .iterableByPage().iterator();
      if (!pages.hasNext()) {
        return new ObjectPage(List.of(), Optional.empty());
      }
      PagedResponse<BlobItem> page = pages.next();
      List<ObjectInfo> infos = new ArrayList<>();
      for (BlobItem item : page.getValue()) {
        BlobItemProperties p = item.getProperties();
        infos.add(new ObjectInfo(item.getName(), p.getContentLength() == null ? 0 : p.getContentLength(),
            unquote(p.getETag()), Optional.ofNullable(p.getContentType()),
            item.getMetadata() == null ? Map.of() : item.getMetadata(), instant(p.getLastModified()),
            Optional.ofNullable(item.getVersionId())));
      }
      String next = page.getContinuationToken();
      return new ObjectPage(infos, Optional.ofNullable(next == null || next.isEmpty() ? null : next));
    } catch (RuntimeException e) {
      throw failure("List blobs", e);
    }
  }

  private BlobClient blob(String key) {
    return container.getBlobClient(key);
  }

  private static ObjectInfo info(String key, BlobProperties p) {
    return new ObjectInfo(key, p.getBlobSize(), unquote(p.getETag()), Optional.ofNullable(p.getContentType()),
        p.getMetadata() == null ? Map.of() : p.getMetadata(), instant(p.getLastModified()),
        Optional.ofNullable(p.getVersionId()));
  }

  private static boolean containerMissing(Throwable e) {
    return e instanceof BlobStorageException b && b.getErrorCode() != null
        && "ContainerNotFound".equals(b.getErrorCode().toString());
  }

  private static Instant instant(@Nullable OffsetDateTime time) {
    return time == null ? Instant.EPOCH : time.toInstant();
  }

  static String quote(String etag) {
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }

  static String unquote(@Nullable String etag) {
    if (etag == null) {
      return "";
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  private static ObjectStorageException failure(String operation, RuntimeException e) {
    return new ObjectStorageException(StorageErrors.reason(e), StorageErrors.describe(operation, e), e);
  }
}
