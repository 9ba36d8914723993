package dev.faas4j.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Drops from faas4j's own jars in a function artifact the classes the function cannot reach, by construction: the
 * roots are every class file that is not in a faas4j jar (the app's and every other library's), every file that is
 * not a class (service files, resources, the generated descriptors, which name the entry classes), and any class of
 * {@code rootJars} (what a training run adds); a faas4j class is kept when its name appears, in any form, in the
 * constant pool of a root or of a kept class. Only {@code dev/faas4j/**} classes of jars whose Maven group is
 * {@code dev.faas4j} are ever dropped; every other entry of those jars stays.
 *
 * <p>A faas4j jar may declare, in {@value #REQUIRES}, classes that can do nothing without an optional library
 * ({@code dev.faas4j.aws.Priming=org.crac.Resource}: one {@code class=required class} a line, {@code #} comments):
 * when the required class is in none of the artifact's jars nor the app, no reference to the declared class (nor to
 * its nested classes) is followed, so it ships only if the artifact has that library. A malformed line fails.
 *
 * <p>A slimmed jar's service files lose the lines naming dropped classes (and go when no provider is left), and the
 * build's own files ({@code pom.xml}, {@value #REQUIRES}) and the directory entries go: nothing reads them at run
 * time. Its kept classes lose their line numbers (the source file's name stays in stack traces): bytes in every
 * function's artifact that only a stack trace's line would use.
 *
 * <p>Public only for the benchmarks' footprint, which measures what {@code faas4j:package} ships; not an API.
 */
public final class Slimming {
  private static final String PREFIX = "dev/faas4j/";
  /** Where a faas4j jar declares its classes that need an optional library (see the class comment). */
  static final String REQUIRES = "META-INF/faas4j/requires.properties";
  private static final String SERVICES = "META-INF/services/";
  /** A deployment artifact is compressed once and read many times: the smallest output, at no cost to reading. */
  private static final int LEVEL = java.util.zip.Deflater.BEST_COMPRESSION;
  private static final java.util.regex.Pattern CLASS_NAME =
      java.util.regex.Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

  private Slimming() {}

  /**
   * What slimming did to one artifact's jars.
   *
   * @param libs the artifact's jars by name, faas4j's replaced by their slimmed copies
   * @param reachedFrom each kept faas4j class (internal name) and what named it first: a kept class, or a root's
   *     place ({@code jar!entry}, a descriptor's file name)
   */
  public record Result(Map<String, Path> libs, long before, long after, int kept, int total,
      Map<String, String> reachedFrom) {
    /** The build's log line for {@code cloud}. */
    public String line(String cloud) {
      return String.format(Locale.ROOT, "faas4j jars slimmed for %s: %,d -> %,d bytes (kept %d of %d faas4j classes)",
          cloud, before, after, kept, total);
    }

    /** How {@code className} was reached: the chain of referrers back to a root, the class first. */
    public List<String> chain(String className) {
      List<String> chain = new ArrayList<>();
      for (String c = className; c != null && chain.size() < 100; c = reachedFrom.get(c)) {
        chain.add(c);
      }
      return chain;
    }
  }

  /**
   * Slims the faas4j jars among {@code libs} into {@code dir} (same file names).
   *
   * @param app the function's own entries (classes and resources) by entry name
   * @param libs the artifact's jars by their name in it
   * @param descriptors the generated files that name entry classes (templates, scripts, function.json)
   * @param rootJars jars not shipped whose classes run with the artifact (a training run's); all are roots
   */
  public static Result slim(Map<String, Path> app, Map<String, Path> libs, List<Path> descriptors,
      List<Path> rootJars, Path dir) throws IOException {
    // each droppable class (internal name) and the names in its constant pool: all parsed, so a corrupt one fails
    Map<String, Set<String>> droppable = new HashMap<>();
    Map<String, Path> faas4jJars = new TreeMap<>();
    for (Map.Entry<String, Path> lib : libs.entrySet()) {
      if (isFaas4j(lib.getValue())) {
        faas4jJars.put(lib.getKey(), lib.getValue());
      }
    }
    Graph graph = new Graph();
    // every class the artifact ships (internal names), and what the faas4j jars say their classes require
    Set<String> shipped = new java.util.HashSet<>();
    Map<String, String> requires = new TreeMap<>();
    for (Map.Entry<String, Path> e : app.entrySet()) {
      graph.root(e.getKey(), Files.readAllBytes(e.getValue()));
      if (e.getKey().endsWith(".class")) {
        shipped.add(e.getKey().substring(0, e.getKey().length() - ".class".length()));
      }
    }
    for (Path d : descriptors) {
      graph.root(d.getFileName().toString(), Files.readAllBytes(d));
    }
    for (Map.Entry<String, Path> lib : libs.entrySet()) {
      boolean faas4j = faas4jJars.containsKey(lib.getKey());
      read(lib.getValue(), (name, bytes) -> {
        if (name.endsWith(".class")) {
          shipped.add(name.substring(0, name.length() - ".class".length()));
        }
        if (faas4j && name.equals(REQUIRES)) {
          requires(lib.getKey(), bytes, requires);
        } else if (faas4j && droppable(name)) {
          Set<String> names = new java.util.LinkedHashSet<>();
          ClassNames.ofClass(bytes, lib.getKey() + "!" + name, names::add);
          droppable.put(name.substring(0, name.length() - ".class".length()), names);
        } else {
          graph.root(lib.getKey() + "!" + name, bytes);
        }
      });
    }
    for (Path jar : rootJars) {
      read(jar, (name, bytes) -> graph.root(jar.getFileName() + "!" + name, bytes));
    }
    Set<String> unusable = new TreeSet<>();
    requires.forEach((type, required) -> {
      if (!shipped.contains(required)) {
        unusable.add(type);
      }
    });
    graph.close(droppable, unusable);

    Map<String, Path> out = new LinkedHashMap<>(libs);
    long before = 0;
    long after = 0;
    Files.createDirectories(dir);
    for (Map.Entry<String, Path> jar : faas4jJars.entrySet()) {
      before += Files.size(jar.getValue());
      if (rewrite(jar.getKey(), jar.getValue(), dir.resolve(jar.getKey()), graph.kept.keySet())) {
        out.put(jar.getKey(), dir.resolve(jar.getKey()));
      }
      after += Files.size(out.get(jar.getKey()));
    }
    return new Result(Collections.unmodifiableMap(out), before, after, graph.kept.size(), droppable.size(),
        Collections.unmodifiableMap(graph.kept));
  }

  /** Reads a {@value #REQUIRES} into {@code into} (internal names); a malformed line fails naming jar and line. */
  static void requires(String jar, byte[] text, Map<String, String> into) throws IOException {
    List<String> lines = new String(text, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String type = eq < 0 ? "" : line.substring(0, eq).strip();
      String required = eq < 0 ? "" : line.substring(eq + 1).strip();
      if (!CLASS_NAME.matcher(type).matches() || !CLASS_NAME.matcher(required).matches()
          || !type.startsWith("dev.faas4j.")) {
        throw new IOException(jar + "!" + REQUIRES + " line " + (i + 1) + ": not 'dev.faas4j.Class=required.Class': "
            + lines.get(i));
      }
      into.put(type.replace('.', '/'), required.replace('.', '/'));
    }
  }

  private static boolean droppable(String entry) {
    return entry.startsWith(PREFIX) && entry.endsWith(".class");
  }

  /** A jar Maven built for group {@code dev.faas4j}: its {@code META-INF/maven/dev.faas4j/.../pom.properties}. */
  static boolean isFaas4j(Path jar) throws IOException {
    if (!jar.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
      return false;
    }
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        if (e.getName().startsWith("META-INF/maven/dev.faas4j/") && e.getName().endsWith("/pom.properties")) {
          Properties p = new Properties();
          try (InputStream in = z.getInputStream(e)) {
            p.load(in);
          }
          return "dev.faas4j".equals(p.getProperty("groupId"));
        }
      }
    }
    return false;
  }

  private interface EntryReader {
    void accept(String name, byte[] bytes) throws IOException;
  }

  private static void read(Path jar, EntryReader reader) throws IOException {
    if (Files.isDirectory(jar)) {
      for (Map.Entry<String, Path> e : Archives.tree(jar, "").entrySet()) {
        reader.accept(e.getKey(), Files.readAllBytes(e.getValue()));
      }
      return;
    }
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        if (!e.isDirectory()) {
          try (InputStream in = z.getInputStream(e)) {
            reader.accept(e.getName(), in.readAllBytes());
          }
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new IOException(jar.getFileName() + ": not a readable jar (" + e.getMessage() + ")", e);
    }
  }

  /**
   * {@code from} ({@code name} in the artifact) without the {@code dev/faas4j/**} classes not in {@code kept}, the
   * kept ones without their line numbers ({@link ClassNames#withoutLineNumbers}), without the build's files and
   * without directory entries (class loaders and {@code ServiceLoader} find entries by their full names), its
   * service files naming only kept providers, sorted with the manifest first, every entry at {@link Archives#TIME},
   * compressed at {@link #LEVEL}; false, and nothing written, when every class stays (the jar ships as it is).
   */
  private static boolean rewrite(String name, Path from, Path to, Set<String> kept) throws IOException {
    try (ZipFile z = new ZipFile(from.toFile())) {
      List<ZipEntry> files = new ArrayList<>();
      Map<String, byte[]> services = new HashMap<>();
      boolean dropped = false;
      for (ZipEntry e : Collections.list(z.entries())) {
        String n = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        if (droppable(n) && !kept.contains(n.substring(0, n.length() - ".class".length()))) {
          dropped = true;
          continue;
        }
        if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.xml") || n.equals(REQUIRES)) {
          continue; // build files, of no use at run time; pom.properties stays and names the artifact for scanners
        }
        if (n.startsWith(SERVICES)) {
          try (InputStream in = z.getInputStream(e)) {
            byte[] left = providersKept(in.readAllBytes(), kept);
            if (!names(left)) {
              continue; // no provider left to name
            }
            services.put(n, left);
          }
        }
        files.add(e);
      }
      Map<String, ZipEntry> sorted = new TreeMap<>((a, b) -> {
        int ra = rank(a);
        int rb = rank(b);
        return ra != rb ? Integer.compare(ra, rb) : a.compareTo(b);
      });
      if (!dropped) {
        return false;
      }
      files.forEach(f -> sorted.put(f.getName(), f));
      try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
        out.setLevel(LEVEL);
        for (Map.Entry<String, ZipEntry> e : sorted.entrySet()) {
          byte[] data = services.get(e.getKey());
          if (data == null) {
            try (InputStream in = z.getInputStream(e.getValue())) {
              data = in.readAllBytes();
            }
            if (droppable(e.getKey())) {
              data = ClassNames.withoutLineNumbers(data, name + "!" + e.getKey());
            }
          }
          out.putNextEntry(entry(e.getKey(), data));
          out.write(data);
          out.closeEntry();
        }
      }
      return true;
    }
  }

  /**
   * A service file without the lines naming a dropped faas4j class: {@code ServiceLoader} fails on a provider it
   * cannot load, for every caller that iterates the service, not only the one that would have used it.
   */
  static byte[] providersKept(byte[] serviceFile, Set<String> kept) {
    StringBuilder out = new StringBuilder();
    for (String line : new String(serviceFile, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1)) {
      int hash = line.indexOf('#');
      String provider = (hash < 0 ? line : line.substring(0, hash)).strip();
      String internal = provider.replace('.', '/');
      if (provider.isEmpty() || !internal.startsWith(PREFIX) || kept.contains(internal)) {
        out.append(line).append('\n');
      }
    }
    out.setLength(Math.max(0, out.length() - 1)); // the split's last piece carried no newline
    return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Whether a service file names a provider (a line that is not blank once its comment is cut). */
  private static boolean names(byte[] serviceFile) {
    for (String line : new String(serviceFile, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
      int hash = line.indexOf('#');
      if (!(hash < 0 ? line : line.substring(0, hash)).isBlank()) {
        return true;
      }
    }
    return false;
  }

  /**
   * An entry with its sizes and checksum set before its data, as build tools write jars (no 16-byte data descriptor
   * after each entry).
   */
  private static ZipEntry entry(String name, byte[] data) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(Archives.TIME);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    entry.setSize(data.length);
    // what ZipOutputStream's own deflater (at LEVEL, no zlib wrapper) will write: it checks the size given
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(LEVEL, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        deflater.deflate(buffer);
      }
      entry.setCompressedSize(deflater.getBytesWritten());
    } finally {
      deflater.end();
    }
    return entry;
  }

  /** The manifest first, as {@code JarInputStream} expects it. */
  private static int rank(String name) {
    return name.equals("META-INF/MANIFEST.MF") ? 0 : 1;
  }

  /** The names the roots give, then the closure over the droppable classes' own constant pools. */
  private static final class Graph {
    /** Droppable class (internal name) -> what named it first. */
    final Map<String, String> kept = new LinkedHashMap<>();
    private final Map<String, String> named = new LinkedHashMap<>();

    void root(String where, byte[] bytes) throws IOException {
      if (where.endsWith(".class")) {
        ClassNames.ofClass(bytes, where, n -> named.putIfAbsent(n, where));
      } else {
        // a resource or descriptor: its path (a service file's name is the interface) and its text
        byte[] path = where.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ClassNames.tokens(path, 0, path.length, n -> named.putIfAbsent(n, where));
        ClassNames.tokens(bytes, 0, bytes.length, n -> named.putIfAbsent(n, where));
      }
    }

    /** Closes over {@code droppable}, never entering an {@code unusable} class nor its nested classes. */
    void close(Map<String, Set<String>> droppable, Set<String> unusable) {
      // "dev/faas4j/a/B/C" (dots, slashes and dollars alike) -> the classes whose names read so
      Map<String, List<String>> byKey = new HashMap<>();
      for (String type : droppable.keySet()) {
        byKey.computeIfAbsent(key(type), k -> new ArrayList<>()).add(type);
      }
      Deque<String> work = new ArrayDeque<>();
      Map<String, String> pending = named;
      while (!pending.isEmpty()) {
        for (Map.Entry<String, String> n : pending.entrySet()) {
          for (String type : resolve(n.getKey(), byKey)) {
            if (!kept.containsKey(type) && !unusable(type, unusable)) {
              kept.put(type, n.getValue());
              work.add(type);
            }
          }
        }
        pending = new LinkedHashMap<>();
        while (!work.isEmpty()) {
          String type = work.poll();
          for (String n : droppable.get(type)) {
            pending.putIfAbsent(n, type);
          }
          // a package's annotations are read by a name built at run time (<package>.package-info): kept with it
          String info = type.substring(0, type.lastIndexOf('/') + 1) + "package-info";
          if (droppable.containsKey(info) && !kept.containsKey(info)) {
            kept.put(info, type);
            work.add(info);
          }
        }
      }
    }

    private static boolean unusable(String type, Set<String> unusable) {
      for (String u : unusable) {
        if (type.equals(u) || type.startsWith(u + "$")) {
          return true;
        }
      }
      return false;
    }

    /** The classes a token names: the whole token, or a prefix of it ending at a separator (a member after it). */
    private static List<String> resolve(String token, Map<String, List<String>> byKey) {
      String k = key(token);
      List<String> out = new ArrayList<>();
      for (int end = k.length(); end > PREFIX.length(); end = k.lastIndexOf('/', end - 1)) {
        out.addAll(byKey.getOrDefault(k.substring(0, end), List.of()));
      }
      return out;
    }

    private static String key(String name) {
      return name.replace('.', '/').replace('$', '/');
    }
  }
}
