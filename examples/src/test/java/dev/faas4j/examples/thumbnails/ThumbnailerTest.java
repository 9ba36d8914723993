package dev.faas4j.examples.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faas4j.local.testkit.FunctionTester;
import dev.faas4j.local.testkit.ManualClock;
import dev.faas4j.local.testkit.TestEvents;
import dev.faas4j.log.LogLevel;
import dev.faas4j.port.ObjectInfo;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.Outcome;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThumbnailerTest {
  private final ManualClock clock = ManualClock.startingAtEpochOf2030();
  private final InMemoryPlatform platform = new InMemoryPlatform(clock, Map.of());
  private final FunctionTester app = FunctionTester.forApp(new Thumbnails(), platform);

  /** An image of the given size and format, with a colour per half so scaling can be seen. */
  static byte[] image(int width, int height, String format) throws IOException {
    boolean alpha = format.equals("png");
    BufferedImage image = new BufferedImage(width, height,
        alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, x < width / 2 ? Color.RED.getRGB() : alpha ? 0 : Color.BLUE.getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).as("a writer for " + format).isTrue();
    return out.toByteArray();
  }

  private Outcome upload(String key, byte[] content) {
    platform.objectStorage("raw-images").put(key, content);
    return app.object("thumbnail").call(TestEvents.objectCreated("raw-images", key, content));
  }

  private BufferedImage thumbnail(String key) throws IOException {
    byte[] jpeg = platform.objectStorage("processed-images").get("thumbnails/" + key).orElseThrow().content();
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }

  @ParameterizedTest(name = "{0}x{1} {2} -> {3}x{4}")
  @CsvSource({
      "800, 400, png, 200, 100",
      "300, 900, jpeg, 67, 200",
      "1000, 1000, gif, 200, 200",
      "120, 80, png, 120, 80", // smaller than the box: not enlarged
      "4000, 10, png, 200, 1"})
  void fitsWithin200x200KeepingTheAspectRatio(int width, int height, String format, int expectedWidth,
      int expectedHeight) throws IOException {
    Outcome outcome = upload("cats/tom." + format, image(width, height, format));

    assertThat(outcome.isSuccess()).as(outcome.message()).isTrue();
    BufferedImage thumb = thumbnail("cats/tom." + format);
    assertThat(thumb.getWidth()).isEqualTo(expectedWidth);
    assertThat(thumb.getHeight()).isEqualTo(expectedHeight);
  }

  @Test
  void writesAJpegAndRecordsTheMetadata() throws IOException {
    byte[] png = image(800, 400, "png");
    upload("tom.png", png);

    ObjectInfo info = platform.objectStorage("processed-images").head("thumbnails/tom.png").orElseThrow();
    assertThat(info.contentType()).contains("image/jpeg");
    byte[] jpeg = platform.objectStorage("processed-images").get("thumbnails/tom.png").orElseThrow().content();
    assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF); // the JPEG SOI marker

    ImageMetadata metadata = platform.keyValueStore("images").get("tom.png").orElseThrow()
        .json(ImageMetadata.class);
    assertThat(metadata).isEqualTo(new ImageMetadata("tom.png", "png", 800, 400, png.length, "thumbnails/tom.png",
        200, 100, clock.instant()));
  }

  @Test
  void transparentPixelsBecomeWhiteNotBlack() throws IOException {
    upload("half-transparent.png", image(400, 400, "png"));

    BufferedImage thumb = thumbnail("half-transparent.png");
    Color right = new Color(thumb.getRGB(180, 100));
    assertThat(right.getRed()).isGreaterThan(240);
    assertThat(right.getGreen()).isGreaterThan(240);
    Color left = new Color(thumb.getRGB(20, 100));
    assertThat(left.getRed()).isGreaterThan(200);
    assertThat(left.getGreen()).isLessThan(60);
  }

  @Test
  void objectsUnderThumbnailsAreSkippedSoThereIsNoLoop() throws IOException {
    Outcome outcome = upload("thumbnails/tom.png", image(800, 400, "png"));

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(platform.objectStorage("processed-images").listAll("")).isEmpty();
    assertThat(platform.keyValueStore("images").get("thumbnails/tom.png")).isEmpty();
  }

  @Test
  void aFileThatIsNotAnImageIsRejectedSoItIsDeadLetteredNotRetried() {
    Outcome outcome = upload("notes.png", "just some text".getBytes(StandardCharsets.UTF_8));

    assertThat(outcome.status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
    assertThat(outcome.message()).contains("Not an image");
    app.logs().assertLogged(LogLevel.WARN, "Not a usable image");
    assertThat(platform.objectStorage("processed-images").listAll("")).isEmpty();
  }

  @Test
  void aTruncatedImageIsRejectedToo() throws IOException {
    byte[] png = image(300, 300, "png");
    byte[] truncated = java.util.Arrays.copyOf(png, 60);

    assertThat(upload("broken.png", truncated).status()).isEqualTo(Outcome.Status.CLIENT_ERROR);
  }

  @Test
  void anImageDeletedBeforeItsEventArrivesIsNothingToDo() throws IOException {
    Outcome outcome = app.object("thumbnail")
        .call(TestEvents.objectCreated("raw-images", "gone.png", image(10, 10, "png")));

    assertThat(outcome.isSuccess()).isTrue();
    assertThat(platform.objectStorage("processed-images").listAll("")).isEmpty();
  }
}
