package dev.faas4j.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local console on the command line: the same operations as {@code /_faas4j/...} on a running
 * {@link LocalRuntime}, which it calls over loopback HTTP and prints as JSON.
 *
 * <pre>
 * java -cp &lt;classpath&gt; dev.faas4j.local.LocalConsole [--url http://127.0.0.1:8080] COMMAND
 *   functions                          functions and their triggers
 *   fire FUNCTION                      run a schedule function now
 *   queues                             depth, in-flight and dead-letter counts per queue
 *   dead-letters QUEUE                 peek at a queue's dead letters (id, reason, attempts, body)
 *   redrive QUEUE [--id ID]            put dead letters back on their queue
 *   purge QUEUE [--id ID]              delete dead letters
 *   tables | table TABLE [--key KEY]   key-value tables, their entries, one entry
 *   buckets | bucket BUCKET [--key K]  buckets, their objects, one object
 *   replay FILE [--cloud C] [--queue Q] [--function F]
 *                                      run a cloud's dead-lettered message (aws, gcp, azure) through the app:
 *                                      --queue for formats that name none, --function as FAAS4J_FUNCTION
 * </pre>
 *
 * <p>Tools (the Maven plugin) call {@link #run} in-process: same arguments, output to the streams given, the exit
 * status returned.
 */
public final class LocalConsole {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LocalConsole() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /**
   * Runs one console command against the runtime at {@code --url}.
   *
   * @return 0 when it succeeded, 1 when the runtime refused or failed it (the reason is printed), 2 for a usage
   *     error or a runtime that cannot be reached
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    List<String> words = new ArrayList<>();
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        if (i + 1 >= args.size()) {
          return usage(err, "Flag " + a + " needs a value");
        }
        flags.put(a.substring(2), args.get(++i));
      } else {
        words.add(a);
      }
    }
    for (String f : flags.keySet()) {
      if (!List.of("url", "id", "key", "cloud", "queue", "function").contains(f)) {
        return usage(err, "Unknown flag --" + f);
      }
    }
    if (words.isEmpty()) {
      return usage(err, "No command");
    }
    String base = flags.getOrDefault("url", "http://127.0.0.1:8080").replaceAll("/+$", "") + ConsoleService.PREFIX;
    String command = words.get(0);
    int arity = switch (command) {
      case "functions", "queues", "tables", "buckets" -> 1;
      case "fire", "dead-letters", "redrive", "purge", "table", "bucket", "replay" -> 2;
      default -> -1;
    };
    if (arity < 0) {
      return usage(err, "Unknown command '" + command + "'");
    }
    if (words.size() != arity) {
      return usage(err, "'" + command + "' takes " + (arity == 1 ? "no argument" : "one argument"));
    }
    String arg = arity == 2 ? segment(words.get(1)) : "";
    String id = query("id", flags.get("id"));
    try {
      HttpRequest request = switch (command) {
        case "fire" -> post(base + "/schedules/" + arg + "/fire", new byte[0]);
        case "dead-letters" -> get(base + "/queues/" + arg + "/dead-letters");
        case "redrive" -> post(base + "/queues/" + arg + "/dead-letters/redrive" + id, new byte[0]);
        case "purge" -> HttpRequest.newBuilder(URI.create(base + "/queues/" + arg + "/dead-letters" + id))
            .DELETE().build();
        case "table" -> get(base + "/tables/" + arg + query("key", flags.get("key")));
        case "bucket" -> get(base + "/buckets/" + arg + query("key", flags.get("key")));
        case "replay" -> post(base + "/replay" + query("cloud", flags.get("cloud"), "queue", flags.get("queue"),
            "function", flags.get("function")),
            Files.readAllBytes(Path.of(words.get(1))));
        default -> get(base + "/" + command);
      };
      HttpResponse<byte[]> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
      if (response.statusCode() / 100 != 2) {
        err.println("error: " + response.statusCode() + " " + body.path("message").asText(body.toString()));
        return 1;
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
      return 0;
    } catch (NoSuchFileException e) {
      return usage(err, "No file " + e.getFile());
    } catch (IllegalArgumentException e) {
      return usage(err, "Bad --url: " + e.getMessage());
    } catch (IOException e) {
      err.println("error: cannot reach the local runtime at " + base + " (" + e.getClass().getSimpleName()
          + "); is it running?");
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  private static HttpRequest get(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).GET().build();
  }

  private static HttpRequest post(String uri, byte[] body) {
    return HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code ?name=value&...} for the values given, empty when none is. */
  private static String query(String... namesAndValues) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        q.append(q.isEmpty() ? '?' : '&').append(namesAndValues[i]).append('=')
            .append(segment(namesAndValues[i + 1]));
      }
    }
    return q.toString();
  }

  private static int usage(PrintStream err, String problem) {
    err.println("error: " + problem);
    err.println("usage: LocalConsole [--url http://127.0.0.1:8080] functions | fire FUNCTION | queues"
        + " | dead-letters QUEUE | redrive QUEUE [--id ID] | purge QUEUE [--id ID] | tables | table TABLE [--key KEY]"
        + " | buckets | bucket BUCKET [--key KEY]"
        + " | replay FILE [--cloud aws|gcp|azure] [--queue QUEUE] [--function FUNCTION]");
    return 2;
  }
}
