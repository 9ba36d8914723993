package dev.faas4j.maven;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
  /** 2000-01-01T00:00:00Z: a zip entry's time is not part of what a build produces. */
  private static final long TIME = 946_684_800_000L;

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
    Files.createDirectories(target.getParent());
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      write(out, entries);
    }
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
      m.setTime(TIME);
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
      e.setTime(TIME);
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
