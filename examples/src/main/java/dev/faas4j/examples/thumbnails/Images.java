package dev.faas4j.examples.thumbnails;

import dev.faas4j.event.InvalidEventException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Decoding, scaling and JPEG encoding with {@code javax.imageio} and Java2D only: no native or extra library. */
final class Images {
  /** Formats accepted as input; ImageIO can read others (BMP, WBMP, TIFF) that this example does not promise. */
  static final Set<String> FORMATS = Set.of("png", "jpeg", "gif");
  /** Larger images are refused before decoding: a small file can declare a huge canvas (a decompression bomb). */
  static final long MAX_PIXELS = 40_000_000L;
  private static final float JPEG_QUALITY = 0.85f;

  private Images() {}

  /** A decoded image and the format it was stored in. */
  record Decoded(BufferedImage image, String format) {}

  /**
   * Decodes the first frame of a PNG, JPEG or GIF.
   *
   * @throws InvalidEventException if the bytes are not such an image, are corrupt, or declare too many pixels
   */
  static Decoded decode(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new InvalidEventException("Not an image (PNG, JPEG or GIF expected)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
          throw new InvalidEventException("Unsupported image format " + format + " (PNG, JPEG or GIF expected)");
        }
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new InvalidEventException("Image has " + pixels + " pixels; the limit is " + MAX_PIXELS);
        }
        return new Decoded(reader.read(0), format);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidEventException invalid) {
        throw invalid;
      }
      // Corrupt data surfaces as IIOException, or as runtime exceptions from inside the decoders.
      throw new InvalidEventException("Image cannot be decoded: " + e.getClass().getSimpleName(), e);
    }
  }

  /** The size that fits {@code width × height} within {@code max × max}, keeping the aspect ratio, never enlarging. */
  static int[] fit(int width, int height, int max) {
    double scale = Math.min(1.0, Math.min((double) max / width, (double) max / height));
    return new int[] {
        Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
  }

  /**
   * Scales {@code source} to {@code width × height} on an opaque RGB canvas (transparent pixels become white:
   * JPEG has no alpha). Large reductions halve step by step first, which keeps bilinear scaling sharp.
   */
  static BufferedImage scale(BufferedImage source, int width, int height) {
    BufferedImage current = source;
    int w = source.getWidth();
    int h = source.getHeight();
    while (w / 2 >= width && h / 2 >= height) {
      w /= 2;
      h /= 2;
      current = draw(current, w, h);
    }
    return draw(current, width, height);
  }

  private static BufferedImage draw(BufferedImage source, int width, int height) {
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  /** {@code image} as a baseline JPEG. */
  static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed in memory", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
