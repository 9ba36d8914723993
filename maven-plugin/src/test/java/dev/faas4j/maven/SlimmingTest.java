package dev.faas4j.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reachability that slims faas4j's jars: a faas4j jar and an app compiled here, each test naming classes in one
 * way only.
 */
class SlimmingTest {
  /** The "faas4j" library: each class reached in one way, or not at all. */
  private static final Map<String, String> LIBRARY = Map.ofEntries(
      Map.entry("dev/faas4j/t/Api.java", "package dev.faas4j.t; public interface Api { Helper helper(); }"),
      Map.entry("dev/faas4j/t/Helper.java", """
          package dev.faas4j.t;
          public final class Helper {
            public static int sum(int n) {
              int sum = 0;
              for (int i = 0; i < n; i++) {
                sum += i;
              }
              if (sum > 10) {
                throw new IllegalStateException("sum " + sum);
              }
              return sum;
            }
          }"""),
      Map.entry("dev/faas4j/t/Entry.java", "package dev.faas4j.t; public final class Entry {}"),
      Map.entry("dev/faas4j/t/Marker.java", "package dev.faas4j.t; public @interface Marker { Class<?> value(); }"),
      Map.entry("dev/faas4j/t/ViaAnnotation.java", "package dev.faas4j.t; public final class ViaAnnotation {}"),
      Map.entry("dev/faas4j/t/ViaString.java", "package dev.faas4j.t; public final class ViaString {}"),
      Map.entry("dev/faas4j/t/ViaSlashedString.java", "package dev.faas4j.t; public final class ViaSlashedString {}"),
      Map.entry("dev/faas4j/t/ViaDescriptor.java", "package dev.faas4j.t; public final class ViaDescriptor {}"),
      Map.entry("dev/faas4j/t/ViaSignature.java", "package dev.faas4j.t; public final class ViaSignature {}"),
      Map.entry("dev/faas4j/t/Outer.java", """
          package dev.faas4j.t;
          public final class Outer {
            static final class Inner { ViaInner x() { return null; } }
          }"""),
      Map.entry("dev/faas4j/t/ViaInner.java", "package dev.faas4j.t; public final class ViaInner {}"),
      Map.entry("dev/faas4j/t/Service.java", "package dev.faas4j.t; public interface Service {}"),
      Map.entry("dev/faas4j/t/ServiceImpl.java", "package dev.faas4j.t; public final class ServiceImpl implements Service {}"),
      Map.entry("dev/faas4j/t/Unused.java", "package dev.faas4j.t; public final class Unused { Helper h; }"),
      Map.entry("dev/faas4j/u/AlsoUnused.java", "package dev.faas4j.u; public final class AlsoUnused {}"),
      // package annotations are read by a name built at run time: kept while the package has a class
      Map.entry("dev/faas4j/t/package-info.java", "@Deprecated package dev.faas4j.t;"),
      Map.entry("dev/faas4j/u/package-info.java", "@Deprecated package dev.faas4j.u;"));

  @TempDir
  Path temp;

  private Path classes;
  private Path app;

  @BeforeEach
  void compile() throws IOException {
    classes = compile("lib", LIBRARY, List.of());
    app = compile("app", Map.of("acme/App.java", """
        package acme;
        import java.util.List;
        @dev.faas4j.t.Marker(dev.faas4j.t.ViaAnnotation.class)
        public final class App {
          static final String NAME = "dev.faas4j.t.ViaString";
          String slashed() { return "x dev/faas4j/t/ViaSlashedString y"; }
          dev.faas4j.t.Api api;
          void take(dev.faas4j.t.ViaDescriptor d) {}
          List<dev.faas4j.t.ViaSignature> list;
          Object outer() { return new dev.faas4j.t.Outer(); }
        }"""), List.of(classes));
  }

  @Test
  void keepsEveryClassTheRootsNameInAnyFormAndDropsTheRest() throws IOException {
    Slimming.Result result = slim();
    assertThat(entries(result.libs().get("faas4j-t.jar")))
        .contains("dev/faas4j/t/Api.class", "dev/faas4j/t/Helper.class", // a kept class's method descriptor
            "dev/faas4j/t/Entry.class", // only the descriptor names it
            "dev/faas4j/t/Marker.class", "dev/faas4j/t/ViaAnnotation.class", // an annotation's value
            "dev/faas4j/t/ViaString.class", "dev/faas4j/t/ViaSlashedString.class", // string constants
            "dev/faas4j/t/ViaDescriptor.class", "dev/faas4j/t/ViaSignature.class", // descriptor, generic signature
            "dev/faas4j/t/Outer.class", "dev/faas4j/t/Outer$Inner.class", // a nest member of a kept class
            "dev/faas4j/t/ViaInner.class", // only the nested class names it
            "dev/faas4j/t/Service.class", "dev/faas4j/t/ServiceImpl.class", // the service file
            "dev/faas4j/t/package-info.class",
            "META-INF/MANIFEST.MF", "META-INF/services/dev.faas4j.t.Service",
            "META-INF/maven/dev.faas4j/t/pom.properties", "dev/faas4j/t/notes.txt")
        .doesNotContain("dev/faas4j/t/Unused.class", "dev/faas4j/u/AlsoUnused.class", "dev/faas4j/u/package-info.class",
            "dev/faas4j/u/", "META-INF/maven/dev.faas4j/t/pom.xml"); // the build file goes, pom.properties stays
    assertThat(result.total()).isEqualTo(18);
    assertThat(result.kept()).isEqualTo(15);
    assertThat(result.after()).isLessThan(result.before());
    assertThat(result.line("aws")).isEqualTo(String.format(java.util.Locale.ROOT,
        "faas4j jars slimmed for aws: %,d -> %,d bytes (kept 15 of 18 faas4j classes)", result.before(),
        result.after()));
    assertThat(result.chain("dev/faas4j/t/ViaInner"))
        .containsExactly("dev/faas4j/t/ViaInner", "dev/faas4j/t/Outer$Inner", "dev/faas4j/t/Outer", "acme/App.class");
    assertThat(result.libs().get("other.jar")).isEqualTo(temp.resolve("other.jar")); // not faas4j's: as it was
  }

  @Test
  void withoutTheRootsNamingThemTheClassesGo() throws IOException {
    Slimming.Result result = Slimming.slim(Map.of(), libs(), List.of(), List.of(), temp.resolve("out"));
    assertThat(entries(result.libs().get("faas4j-t.jar"))).filteredOn(e -> e.endsWith(".class"))
        .containsExactlyInAnyOrder("dev/faas4j/t/Service.class", "dev/faas4j/t/ServiceImpl.class",
            "dev/faas4j/t/package-info.class");
  }

  /**
   * A kept class loses its LineNumberTable and nothing else (javap shows the rest as before: constant pool, code,
   * stack maps, local variables, bootstrap methods, source file); it loads from the slimmed jar (verified, as every
   * class a loader other than the boot loader defines), runs, and its stack frame names the file without a line.
   */
  @Test
  void aKeptClassLosesItsLineNumbersOnlyAndStillVerifiesAndRuns() throws Exception {
    Path slimmed = slim().libs().get("faas4j-t.jar");
    byte[] before = Files.readAllBytes(classes.resolve("dev/faas4j/t/Helper.class"));
    byte[] after;
    try (ZipFile z = new ZipFile(slimmed.toFile())) {
      after = z.getInputStream(z.getEntry("dev/faas4j/t/Helper.class")).readAllBytes();
    }
    String original = javap(before);
    assertThat(original).contains("LineNumberTable:", "LocalVariableTable:", "StackMapTable:", "BootstrapMethods:",
        "SourceFile: \"Helper.java\"");
    // the constant pool still has the attribute's name (#19 Utf8 LineNumberTable): only the attributes go
    assertThat(javap(after)).doesNotContain("LineNumberTable:")
        .isEqualTo(original.replaceAll("(?m)^ *LineNumberTable:\n( *line \\d+: \\d+\n)*", ""));
    assertThat(after.length).isLessThan(before.length);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {slimmed.toUri().toURL()}, null)) {
      Method sum = loader.loadClass("dev.faas4j.t.Helper").getMethod("sum", int.class);
      assertThat(sum.invoke(null, 5)).isEqualTo(10);
      assertThatThrownBy(() -> sum.invoke(null, 6)).isInstanceOf(InvocationTargetException.class)
          .cause().hasMessage("sum 15").satisfies(e -> {
            StackTraceElement frame = e.getStackTrace()[0];
            assertThat(frame.getClassName()).isEqualTo("dev.faas4j.t.Helper");
            assertThat(frame.getFileName()).isEqualTo("Helper.java");
            assertThat(frame.getLineNumber()).isEqualTo(-1); // no line: the frame reads (Helper.java)
            assertThat(frame).hasToString("dev.faas4j.t.Helper.sum(Helper.java)");
          });
    }
  }

  /**
   * A kept class whose Code attribute does not add up (here a constructor's Code claims no attributes of its own
   * though it carries its line numbers) fails naming its jar and entry: the slimmer rewrites it, so it reads it whole.
   */
  @Test
  void aKeptClassWithACorruptCodeAttributeFailsNamingItsJarAndEntry() throws IOException {
    byte[] helper = Files.readAllBytes(classes.resolve("dev/faas4j/t/Helper.class"));
    ByteBuffer b = ByteBuffer.wrap(helper);
    int code = firstCode(helper); // the constructor's Code: after its name and length, max stack and max locals
    int codeLength = b.getInt(code + 10);
    int countAt = code + 14 + codeLength + 2 + 8 * (b.getShort(code + 14 + codeLength) & 0xFFFF);
    assertThat(b.getShort(countAt)).isPositive();
    b.putShort(countAt, (short) 0);
    Path corrupt = temp.resolve("Helper.class");
    Files.write(corrupt, helper);
    Map<String, Path> files = new LinkedHashMap<>(Archives.tree(classes, ""));
    files.put("dev/faas4j/t/Helper.class", corrupt);
    Path jar = faas4jJar("faas4j-bad.jar", files);
    assertThatThrownBy(() -> Slimming.slim(Map.of("acme/App.class", app.resolve("acme/App.class")),
        Map.of("faas4j-bad.jar", jar), List.of(), List.of(), temp.resolve("out")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("faas4j-bad.jar!dev/faas4j/t/Helper.class: corrupt class file (method 0's Code "
            + "attribute is ");
  }

  /** Lengths that point past their attribute or past the file fail naming the entry, never out of bounds. */
  @Test
  void lengthsPastTheirAttributeOrTheFileFailNamingTheEntry() throws IOException {
    byte[] original = Files.readAllBytes(classes.resolve("dev/faas4j/t/Helper.class"));
    int code = firstCode(original);
    for (int[] edit : new int[][] {{code + 2, Integer.MAX_VALUE}, {code + 2, original.length}, {code + 10, 1 << 20},
        {code + 10, -1}}) {
      byte[] helper = original.clone();
      ByteBuffer.wrap(helper).putInt(edit[0], edit[1]); // the Code attribute's length, then its code's length
      assertThatThrownBy(() -> ClassNames.withoutLineNumbers(helper, "x.jar!dev/faas4j/t/Helper.class"))
          .as("length %d at %d", edit[1], edit[0])
          .isInstanceOf(IOException.class).hasMessageStartingWith("x.jar!dev/faas4j/t/Helper.class: ");
    }
  }

  /** A class without line numbers comes back as it is; an attribute named by a constant that is no Utf8 fails. */
  @Test
  void aClassWithoutLineNumbersStaysAsItIsAndAnAttributeNameMustBeUtf8() throws IOException {
    Path bare = compile("bare", Map.of("dev/faas4j/b/Bare.java",
        "package dev.faas4j.b; final class Bare { int twice(int n) { return 2 * n; } }"), List.of(), "-g:none");
    byte[] b = Files.readAllBytes(bare.resolve("dev/faas4j/b/Bare.class"));
    assertThat(ClassNames.withoutLineNumbers(b, "x.jar!dev/faas4j/b/Bare.class")).isSameAs(b);

    byte[] helper = Files.readAllBytes(classes.resolve("dev/faas4j/t/Helper.class"));
    ByteBuffer.wrap(helper).putShort(firstCode(helper), (short) 1); // constant 1: the Methodref of Object's <init>
    ClassNames.ofClass(helper, "x.jar!dev/faas4j/t/Helper.class", n -> {}); // names only: it reads no attribute's name
    assertThatThrownBy(() -> ClassNames.withoutLineNumbers(helper, "x.jar!dev/faas4j/t/Helper.class"))
        .hasMessage("x.jar!dev/faas4j/t/Helper.class: corrupt class file (an attribute's name is constant 1, not a "
            + "Utf8 entry)");
  }

  @Test
  void aFaas4jJarThatLosesNoClassShipsAsItIs() throws IOException {
    Path services = temp.resolve("services-only");
    Files.writeString(services, "dev.faas4j.t.ServiceImpl\n");
    Path jar = faas4jJar("faas4j-s.jar", Map.of("META-INF/services/dev.faas4j.t.Service", services,
        "dev/faas4j/t/Service.class", classes.resolve("dev/faas4j/t/Service.class"),
        "dev/faas4j/t/ServiceImpl.class", classes.resolve("dev/faas4j/t/ServiceImpl.class")));
    Slimming.Result result = Slimming.slim(Map.of(), Map.of("faas4j-s.jar", jar), List.of(), List.of(),
        temp.resolve("out"));
    assertThat(result.libs().get("faas4j-s.jar")).isEqualTo(jar);
    assertThat(result.after()).isEqualTo(result.before()).isEqualTo(Files.size(jar));
    assertThat(temp.resolve("out/faas4j-s.jar")).doesNotExist();
  }

  @Test
  void aTrainingRunsJarIsARoot() throws IOException {
    Path training = jar("training.jar", Map.of("x/T.class", compile("train", Map.of("x/T.java",
        "package x; class T { dev.faas4j.u.AlsoUnused u; }"), List.of(classes)).resolve("x/T.class")));
    Slimming.Result result = Slimming.slim(Map.of(), libs(), List.of(), List.of(training), temp.resolve("out"));
    assertThat(entries(result.libs().get("faas4j-t.jar"))).contains("dev/faas4j/u/AlsoUnused.class");
  }

  @Test
  void theSlimmedJarIsSortedManifestFirstAtTheFixedTimeAndTheSameEachTime() throws IOException {
    Path first = slim().libs().get("faas4j-t.jar");
    byte[] bytes = Files.readAllBytes(first);
    List<String> names = entries(first);
    assertThat(names.get(0)).isEqualTo("META-INF/MANIFEST.MF");
    assertThat(names.subList(1, names.size())).isSorted();
    // the published jar has directory entries (see jar()); nothing that loads classes or services reads them
    assertThat(entries(libs().get("faas4j-t.jar"))).contains("META-INF/", "dev/faas4j/t/");
    assertThat(names).noneMatch(n -> n.endsWith("/"));
    try (ZipFile z = new ZipFile(first.toFile())) {
      assertThat(Collections.list(z.entries())).allSatisfy(e -> assertThat(e.getTimeLocal())
          .isEqualTo(LocalDateTime.of(2000, 1, 1, 0, 0)));
      // compressed as tightly as deflate goes: written once, read on every cold start
      for (ZipEntry e : Collections.list(z.entries())) {
        if (!e.isDirectory()) {
          assertThat(e.getCompressedSize()).as(e.getName()).isEqualTo(deflated(z.getInputStream(e).readAllBytes()));
        }
      }
    }
    Path again = Slimming.slim(Map.of("acme/App.class", app.resolve("acme/App.class")), libs(),
        List.of(descriptor()), List.of(), temp.resolve("again")).libs().get("faas4j-t.jar");
    assertThat(Files.readAllBytes(again)).isEqualTo(bytes);
  }

  /**
   * {@code Outer} and {@code Api} need an optional library ({@code META-INF/faas4j/requires.properties}): each goes,
   * with its nested classes and what only it reaches, when the artifact lacks that library, and stays when it has it.
   */
  @Test
  void aClassWhoseRequiredLibraryIsAbsentIsNotFollowedAndStaysWhenItIsPresent() throws IOException {
    Path requires = temp.resolve("requires");
    Files.writeString(requires, """
        # comment lines and blank ones are skipped

        dev.faas4j.t.Outer = org.optional.Library
        dev.faas4j.t.Api=org.other.Present
        """);
    Path present = compile("present", Map.of("org/other/Present.java", "package org.other; public class Present {}"),
        List.of());
    Map<String, Path> files = new LinkedHashMap<>(Archives.tree(classes, ""));
    files.put(Slimming.REQUIRES, requires);
    Map<String, Path> libs = new LinkedHashMap<>();
    libs.put("faas4j-t.jar", faas4jJar("faas4j-t.jar", files));
    libs.put("present.jar", jar("present.jar", Map.of("org/other/Present.class",
        present.resolve("org/other/Present.class"))));
    Map<String, Path> appClasses = Map.of("acme/App.class", app.resolve("acme/App.class"));

    Slimming.Result without = Slimming.slim(appClasses, libs, List.of(), List.of(), temp.resolve("without"));
    assertThat(entries(without.libs().get("faas4j-t.jar")))
        .doesNotContain("dev/faas4j/t/Outer.class", "dev/faas4j/t/Outer$Inner.class", "dev/faas4j/t/ViaInner.class")
        .contains("dev/faas4j/t/Api.class", "dev/faas4j/t/Helper.class")
        .doesNotContain(Slimming.REQUIRES); // read by the build only

    // the library in a jar of the artifact, or among the app's classes: followed as any other class
    Path library = compile("library", Map.of("org/optional/Library.java",
        "package org.optional; public class Library {}"), List.of());
    Map<String, Path> withLibrary = new LinkedHashMap<>(appClasses);
    withLibrary.put("org/optional/Library.class", library.resolve("org/optional/Library.class"));
    Slimming.Result with = Slimming.slim(withLibrary, libs, List.of(), List.of(), temp.resolve("with"));
    assertThat(entries(with.libs().get("faas4j-t.jar")))
        .contains("dev/faas4j/t/Outer.class", "dev/faas4j/t/Outer$Inner.class", "dev/faas4j/t/ViaInner.class");
  }

  /**
   * A provider dropped for want of its library leaves its service file too: {@code ServiceLoader} would fail on the
   * line for every caller iterating the service. Comments, blank lines and the providers kept stay as written.
   */
  @Test
  void aDroppedProviderLeavesItsServiceFile() throws IOException {
    Path requires = temp.resolve("requires");
    Files.writeString(requires, "dev.faas4j.t.ServiceImpl=org.optional.Library\n");
    Path services = temp.resolve("services-two");
    Files.writeString(services, "# providers\n\ndev.faas4j.t.ServiceImpl # needs the library\nacme.Provider\n"
        + "dev.faas4j.t.Helper\n");
    Map<String, Path> files = new LinkedHashMap<>(Archives.tree(classes, ""));
    files.put(Slimming.REQUIRES, requires);
    files.put("META-INF/services/dev.faas4j.t.Service", services);
    Slimming.Result result = Slimming.slim(Map.of("acme/App.class", app.resolve("acme/App.class")),
        Map.of("faas4j-t.jar", faas4jJar("faas4j-t.jar", files)), List.of(), List.of(), temp.resolve("out"));

    Path slimmed = result.libs().get("faas4j-t.jar");
    assertThat(entries(slimmed)).doesNotContain("dev/faas4j/t/ServiceImpl.class")
        .contains("dev/faas4j/t/Service.class", "dev/faas4j/t/Helper.class");
    try (ZipFile z = new ZipFile(slimmed.toFile())) {
      String text = new String(z.getInputStream(z.getEntry("META-INF/services/dev.faas4j.t.Service")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(text).isEqualTo("# providers\n\nacme.Provider\ndev.faas4j.t.Helper\n");
    }

    // a service file left with comments only goes (slimmed jars carry no directory entries at all)
    Files.writeString(services, "# providers\ndev.faas4j.t.ServiceImpl\n");
    Slimming.Result emptied = Slimming.slim(Map.of("acme/App.class", app.resolve("acme/App.class")),
        Map.of("faas4j-e.jar", faas4jJar("faas4j-e.jar", files)), List.of(), List.of(), temp.resolve("emptied"));
    assertThat(entries(emptied.libs().get("faas4j-e.jar")))
        .doesNotContain("META-INF/services/dev.faas4j.t.Service");
  }

  /** What an unusable class names stays when something else reaches it too. */
  @Test
  void whatAnUnusableClassReachesStaysWhenReachedAnotherWay() throws IOException {
    Path requires = temp.resolve("requires");
    Files.writeString(requires, "dev.faas4j.t.Api=org.optional.Library\n");
    Map<String, Path> files = new LinkedHashMap<>(Archives.tree(classes, ""));
    files.put(Slimming.REQUIRES, requires);
    Path other = compile("other", Map.of("acme/Other.java", """
        package acme;
        final class Other { dev.faas4j.t.Helper h; }"""),
        List.of(classes));
    Slimming.Result result = Slimming.slim(Map.of("acme/App.class", app.resolve("acme/App.class"),
        "acme/Other.class", other.resolve("acme/Other.class")), Map.of("faas4j-t.jar", faas4jJar("faas4j-t.jar",
        files)), List.of(), List.of(), temp.resolve("out"));
    assertThat(entries(result.libs().get("faas4j-t.jar"))).doesNotContain("dev/faas4j/t/Api.class")
        .contains("dev/faas4j/t/Helper.class");
    assertThat(result.chain("dev/faas4j/t/Helper")).containsExactly("dev/faas4j/t/Helper", "acme/Other.class");
  }

  @Test
  void aMalformedRequiresLineFailsNamingItsJarAndLine() throws IOException {
    for (String line : List.of("dev.faas4j.t.Outer", "dev.faas4j.t.Outer=", "=org.optional.Library",
        "acme.App=org.optional.Library", "dev.faas4j.t.Outer=org/optional/Library", "dev.faas4j.t.Outer=a=b")) {
      Path requires = temp.resolve("requires");
      Files.writeString(requires, "# the header\n" + line + "\n");
      Map<String, Path> files = new LinkedHashMap<>(Archives.tree(classes, ""));
      files.put(Slimming.REQUIRES, requires);
      Path jar = faas4jJar("faas4j-bad.jar", files);
      assertThatThrownBy(() -> Slimming.slim(Map.of(), Map.of("faas4j-bad.jar", jar), List.of(), List.of(),
          temp.resolve("out"))).as(line).isInstanceOf(IOException.class).hasMessage("faas4j-bad.jar!"
          + "META-INF/faas4j/requires.properties line 2: not 'dev.faas4j.Class=required.Class': " + line);
    }
  }

  @Test
  void aTruncatedOrCorruptClassFailsNamingItsJarAndEntry() throws IOException {
    byte[] helper = Files.readAllBytes(classes.resolve("dev/faas4j/t/Helper.class"));
    Path cut = temp.resolve("Cut.class");
    Files.write(cut, java.util.Arrays.copyOf(helper, helper.length - 5));
    assertThatThrownBy(() -> Slimming.slim(Map.of(), Map.of("faas4j-bad.jar", faas4jJar("faas4j-bad.jar",
        Map.of("dev/faas4j/t/Cut.class", cut))), List.of(), List.of(), temp.resolve("out")))
        .isInstanceOf(IOException.class).hasMessageStartingWith("faas4j-bad.jar!dev/faas4j/t/Cut.class: truncated");

    Path longer = temp.resolve("Longer.class");
    Files.write(longer, java.util.Arrays.copyOf(helper, helper.length + 3));
    assertThatThrownBy(() -> Slimming.slim(Map.of(), Map.of("other.jar", jar("other.jar",
        Map.of("x/Longer.class", longer))), List.of(), List.of(), temp.resolve("out")))
        .hasMessage("other.jar!x/Longer.class: corrupt class file (3 bytes after its end)");

    Path text = temp.resolve("Text.class");
    Files.writeString(text, "not a class");
    assertThatThrownBy(() -> Slimming.slim(Map.of("acme/Text.class", text), Map.of(), List.of(), List.of(),
        temp.resolve("out"))).hasMessage("acme/Text.class: not a class file (no 0xCAFEBABE)");
  }

  @Test
  void aNewerClassFileVersionIsReadWhileItsConstantPoolIsKnownAndRefusedClearlyOtherwise() throws IOException {
    byte[] b = Files.readAllBytes(app.resolve("acme/App.class"));
    b[6] = 0;
    b[7] = 99; // major version 99
    List<String> names = new ArrayList<>();
    ClassNames.ofClass(b, "App.class", names::add);
    assertThat(names).contains("dev/faas4j/t/Api", "dev.faas4j.t.ViaString", "dev/faas4j/t/ViaDescriptor");

    b[10] = 42; // the first constant's tag: none that Java knows
    assertThatThrownBy(() -> ClassNames.ofClass(b, "x.jar!App.class", n -> {}))
        .hasMessage("x.jar!App.class: unknown constant-pool tag 42 at entry 1 in a class file of version 99, newer "
            + "than this plugin reads (up to 69, Java 25): update faas4j-maven-plugin or set <slim>false</slim>");
  }

  @Test
  void tokensAreNamesInDottedAndSlashedFormUpToTheFirstCharacterNoNameHas() {
    byte[] text = "Handler: dev.faas4j.aws.LambdaHandler::handleRequest, (Ldev/faas4j/A$B;)V devXfaas4j.no dev.faas4j"
        .getBytes(StandardCharsets.UTF_8);
    List<String> names = new ArrayList<>();
    ClassNames.tokens(text, 0, text.length, names::add);
    assertThat(names).containsExactly("dev.faas4j.aws.LambdaHandler", "dev/faas4j/A$B");
  }

  /** {@code javap -v -p} of a class file, from its first line that does not depend on the file (size, hash). */
  static String javap(byte[] classFile) throws IOException {
    Path file = Files.createTempFile("javap", ".class");
    try {
      Files.write(file, classFile);
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.PrintWriter writer = new java.io.PrintWriter(out);
      int status = java.util.spi.ToolProvider.findFirst("javap").orElseThrow()
          .run(writer, writer, "-v", "-p", file.toString());
      writer.flush();
      assertThat(status).as(out.toString()).isZero();
      return out.toString().substring(out.toString().indexOf("Compiled from"));
    } finally {
      Files.delete(file);
    }
  }

  /** Where the first method's first attribute (javac's Code) starts: a walk of a class file with no fields. */
  private static int firstCode(byte[] c) {
    ByteBuffer b = ByteBuffer.wrap(c);
    int at = 10;
    for (int i = 1, count = b.getShort(8) & 0xFFFF; i < count; i++) {
      int tag = c[at];
      at += switch (tag) {
        case 1 -> 3 + (b.getShort(at + 1) & 0xFFFF);
        case 5, 6 -> 9;
        case 15 -> 4;
        case 3, 4, 9, 10, 11, 12, 17, 18 -> 5;
        default -> 3;
      };
      if (tag == 5 || tag == 6) {
        i++;
      }
    }
    at += 6;
    at += 2 + 2 * (b.getShort(at) & 0xFFFF); // interfaces
    assertThat(b.getShort(at)).as("fields").isZero();
    return at + 2 + 2 + 6 + 2; // fields count, methods count, the method's flags, name, descriptor, attributes count
  }

  private static long deflated(byte[] data) {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      deflater.deflate(buffer);
    }
    long size = deflater.getBytesWritten();
    deflater.end();
    return size;
  }

  private Slimming.Result slim() throws IOException {
    return Slimming.slim(Map.of("acme/App.class", app.resolve("acme/App.class")), libs(), List.of(descriptor()),
        List.of(), temp.resolve("out"));
  }

  private Path descriptor() throws IOException {
    Path d = temp.resolve("template.json");
    Files.writeString(d, "{\"Handler\": \"dev.faas4j.t.Entry::handleRequest\"}");
    return d;
  }

  private Map<String, Path> libs() throws IOException {
    Map<String, Path> files = new LinkedHashMap<>(Archives.tree(classes, ""));
    Path services = temp.resolve("services");
    Files.writeString(services, "# the implementation\ndev.faas4j.t.ServiceImpl\n");
    files.put("META-INF/services/dev.faas4j.t.Service", services);
    Path notes = temp.resolve("notes.txt");
    Files.writeString(notes, "a resource");
    files.put("dev/faas4j/t/notes.txt", notes);
    Map<String, Path> libs = new LinkedHashMap<>();
    libs.put("faas4j-t.jar", faas4jJar("faas4j-t.jar", files));
    // a library that is not faas4j's, with a class in faas4j's package: never dropped
    Path foreign = compile("foreign", Map.of("dev/faas4j/v/Foreign.java",
        "package dev.faas4j.v; public final class Foreign {}"), List.of());
    libs.put("other.jar", jar("other.jar", Map.of("dev/faas4j/v/Foreign.class",
        foreign.resolve("dev/faas4j/v/Foreign.class"))));
    return libs;
  }

  private Path faas4jJar(String name, Map<String, Path> files) throws IOException {
    Map<String, Path> all = new LinkedHashMap<>(files);
    Path props = temp.resolve(name + ".properties");
    Files.writeString(props, "artifactId=t\ngroupId=dev.faas4j\nversion=1\n");
    all.put("META-INF/maven/dev.faas4j/t/pom.properties", props);
    Path pom = temp.resolve(name + ".pom.xml");
    Files.writeString(pom, "<project><groupId>dev.faas4j</groupId><artifactId>t</artifactId></project>\n");
    all.put("META-INF/maven/dev.faas4j/t/pom.xml", pom);
    Path manifest = temp.resolve(name + ".MF");
    Files.writeString(manifest, "Manifest-Version: 1.0\r\n\r\n");
    all.put("META-INF/MANIFEST.MF", manifest);
    return jar(name, all);
  }

  /** A jar with directory entries and in no particular order, as build tools write them. */
  private Path jar(String name, Map<String, Path> files) throws IOException {
    Path jar = temp.resolve(name);
    List<String> names = new ArrayList<>(files.keySet());
    Collections.reverse(names);
    java.util.Set<String> dirs = new java.util.LinkedHashSet<>();
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (String n : names) {
        for (int slash = n.indexOf('/'); slash >= 0; slash = n.indexOf('/', slash + 1)) {
          if (dirs.add(n.substring(0, slash + 1))) {
            out.putNextEntry(new ZipEntry(n.substring(0, slash + 1)));
            out.closeEntry();
          }
        }
        out.putNextEntry(new ZipEntry(n));
        Files.copy(files.get(n), (OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static List<String> entries(Path jar) throws IOException {
    try (ZipFile z = new ZipFile(jar.toFile())) {
      return Collections.list(z.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  private Path compile(String dir, Map<String, String> sources, List<Path> classPath) throws IOException {
    return compile(dir, sources, classPath, "-g"); // all debug information: only the line numbers may go
  }

  private Path compile(String dir, Map<String, String> sources, List<Path> classPath, String debug)
      throws IOException {
    Path src = temp.resolve(dir + "-src");
    Path out = temp.resolve(dir);
    Files.createDirectories(out);
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "17", "-nowarn", debug));
    if (!classPath.isEmpty()) {
      args.addAll(List.of("-classpath", classPath.get(0).toString()));
    }
    for (Map.Entry<String, String> s : sources.entrySet()) {
      Path file = src.resolve(s.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, s.getValue());
      args.add(file.toString());
    }
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, err, err, args.toArray(String[]::new)))
        .as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out;
  }
}
