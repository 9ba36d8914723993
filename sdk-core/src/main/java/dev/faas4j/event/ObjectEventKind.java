package dev.faas4j.event;

/** What happened to a stored object. */
public enum ObjectEventKind {
  /** Written: created or overwritten (S3 ObjectCreated:*, GCS finalized, Azure BlobCreated). */
  CREATED,
  /** Removed (S3 ObjectRemoved:*, GCS deleted, Azure BlobDeleted). */
  DELETED,
  /** Moved to an archive tier or made non-current (GCS archived, S3 lifecycle transitions, Azure tier change). */
  ARCHIVED,
  /** Metadata changed, content did not (GCS metadataUpdated). */
  METADATA_UPDATED,
  /** Any other notification the platform sends; the event's {@code type} says which. */
  OTHER
}
