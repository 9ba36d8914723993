package dev.faas4j.maven;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Zips, jars and copies, reproducibly: entries sorted, one fixed time stamp. */
final class Archives {
  /**
   * 2000-01-01T00:00:00Z, written as the entries' DOS time in UTC (not in the build machine's zone), so that an
   * extraction in UTC, as Lambda's, gives every file this time: a start-up archive checks its jars' times.
   */
  static final LocalDateTime TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
  private static final int CENTRAL_HEADER = 0x02014b50;
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;

  private Archives() {}

  /** The files under {@code dir} by their relative, slash-separated name under {@code prefix}. */
  static Map<String, Path> tree(Path dir, String prefix) throws IOException {
    Map<String, Path> entries = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        entries.put(prefix + dir.relativize(f).toString().replace(File.separatorChar, '/'), f);
      }
    }
    return entries;
  }

  /**
   * The jars' names in a lib directory: their file names, with the group id in front where two artifacts share one
   * (sorted, so the order does not depend on resolution).
   */
  static Map<String, Path> libs(List<File> jars) {
    Set<String> seen = new HashSet<>();
    Set<String> clashes = new HashSet<>();
    for (File f : jars) {
      if (!seen.add(f.getName())) {
        clashes.add(f.getName());
      }
    }
    Map<String, Path> out = new java.util.TreeMap<>();
    for (File f : jars) {
      String name = f.getName();
      if (clashes.contains(name)) {
        // ~/.m2/repository/<group path>/<artifact>/<version>/<file>: the group is three levels up
        Path group = f.toPath().getParent().getParent().getParent();
        name = group.getFileName() + "-" + name;
      }
      out.put(name, f.toPath());
    }
    return out;
  }

  static void zip(Path target, Map<String, Path> entries) throws IOException {
    zip(target, entries, Set.of());
  }

  /**
   * A zip whose entries carry Unix modes: 0755 for {@code executables}, 0644 for the rest (Lambda keeps them; a
   * wrapper script must be executable).
   */
  static void zip(Path target, Map<String, Path> entries, Set<String> executables) throws IOException {
    Files.createDirectories(target.getParent());
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      write(out, entries);
    }
    if (!executables.isEmpty()) {
      unixModes(target, executables);
    }
  }

  /**
   * Sets "made by Unix" and the mode in each central directory header, which {@code java.util.zip} has no API for
   * (zip64 archives are not expected here).
   */
  private static void unixModes(Path zip, Set<String> executables) throws IOException {
    byte[] b = Files.readAllBytes(zip);
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int end = b.length - 22;
    while (end >= 0 && buf.getInt(end) != END_OF_CENTRAL_DIRECTORY) {
      end--;
    }
    if (end < 0) {
      throw new IOException("No end of central directory in " + zip);
    }
    int at = buf.getInt(end + 16);
    Set<String> left = new HashSet<>(executables);
    while (at >= 0 && at + 46 <= end && buf.getInt(at) == CENTRAL_HEADER) {
      int nameLength = Short.toUnsignedInt(buf.getShort(at + 28));
      String name = new String(b, at + 46, nameLength, java.nio.charset.StandardCharsets.UTF_8);
      buf.putShort(at + 4, (short) ((3 << 8) | 20)); // made by Unix, zip 2.0
      buf.putInt(at + 38, (left.remove(name) ? 0100755 : 0100644) << 16);
      at += 46 + nameLength + Short.toUnsignedInt(buf.getShort(at + 30)) + Short.toUnsignedInt(buf.getShort(at + 32));
    }
    if (!left.isEmpty()) {
      throw new IOException("No entries " + left + " in " + zip);
    }
    Files.write(zip, b);
  }

  /** A jar of {@code entries} whose manifest has {@code Class-Path: classPath...} when it is not empty. */
  static void jar(Path target, Map<String, Path> entries, List<String> classPath) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Created-By", "faas4j-maven-plugin");
    if (!classPath.isEmpty()) {
      manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    }
    Files.createDirectories(target.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
      ZipEntry m = new ZipEntry("META-INF/MANIFEST.MF");
      m.setTimeLocal(TIME);
      out.putNextEntry(m);
      manifest.write(out);
      out.closeEntry();
      Map<String, Path> rest = new LinkedHashMap<>(entries);
      rest.remove("META-INF/MANIFEST.MF");
      write(out, rest);
    }
  }

  private static void write(ZipOutputStream out, Map<String, Path> entries) throws IOException {
    List<String> names = new ArrayList<>(entries.keySet());
    names.sort(Comparator.naturalOrder());
    for (String name : names) {
      ZipEntry e = new ZipEntry(name);
      e.setTimeLocal(TIME);
      out.putNextEntry(e);
      Files.copy(entries.get(name), (OutputStream) out);
      out.closeEntry();
    }
  }

  static void copy(Map<String, Path> entries, Path dir) throws IOException {
    for (Map.Entry<String, Path> e : entries.entrySet()) {
      Path to = dir.resolve(e.getKey());
      Files.createDirectories(to.getParent());
      Files.copy(e.getValue(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
