package dev.faas4j.azure;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Maps any portable key onto Azure Table keys, which may not contain {@code / \ # ?} or control characters and
 * hold at most 1 KiB (512 UTF-16 characters) each: the key's UTF-8 bytes in lower-case hex, the first 256 bytes in
 * the PartitionKey and the rest (often none: an empty RowKey) in the RowKey. Hex keeps byte order, so a range of PartitionKey/RowKey is a range
 * of keys and a key prefix is a key range; the split keeps both halves within the limit for 512-byte keys.
 */
final class TableKeys {
  static final int PARTITION_BYTES = 256;
  private static final HexFormat HEX = HexFormat.of();

  private TableKeys() {}

  record Encoded(String partitionKey, String rowKey) {}

  static Encoded encode(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    int split = Math.min(bytes.length, PARTITION_BYTES);
    return new Encoded(HEX.formatHex(bytes, 0, split), HEX.formatHex(bytes, split, bytes.length));
  }

  static String decode(String partitionKey, String rowKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEX.parseHex(partitionKey));
    out.writeBytes(HEX.parseHex(rowKey));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** An OData filter for the keys starting with {@code prefix}. */
  static String prefixFilter(String prefix) {
    if (prefix.isEmpty()) {
      return "";
    }
    byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= PARTITION_BYTES) {
      String p = HEX.formatHex(bytes);
      return "PartitionKey ge '" + p + "' and PartitionKey lt '" + p + "g'";
    }
    String p = HEX.formatHex(bytes, 0, PARTITION_BYTES);
    String r = HEX.formatHex(bytes, PARTITION_BYTES, bytes.length);
    return "PartitionKey eq '" + p + "' and RowKey ge '" + r + "' and RowKey lt '" + r + "g'";
  }

  /** An OData filter for the keys after the entity at (pk, rk); both are hex, so no quoting is needed. */
  static String after(String partitionKey, String rowKey) {
    return "(PartitionKey gt '" + partitionKey + "' or (PartitionKey eq '" + partitionKey + "' and RowKey gt '"
        + rowKey + "'))";
  }

  static boolean isEncoded(String partitionKey, String rowKey) {
    return isHex(partitionKey) && isHex(rowKey);
  }

  /** Lower-case hex of whole bytes; checked per row read, so without a regex. */
  private static boolean isHex(String s) {
    if (s.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
