package dev.faas4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * faas4j-bom pins what the modules are built and tested with: every version property it shares with a module's POM
 * (the root, the adapters, this plugin's integration tests) has the same value, so the BOM cannot drift.
 */
class BomVersionsTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void theBomsVersionsAreTheModulesOwn() throws Exception {
    Map<String, String> bom = properties(ROOT.resolve("bom/pom.xml"));
    assertThat(bom).containsKeys("jackson.version", "aws.sdk.version", "google-cloud-libraries-bom.version",
        "azure-functions-library.version", "aws.lambda.core.version", "functions-framework.version",
        "jspecify.version", "azure-storage-blob.version");
    int compared = 0;
    for (String module : List.of("pom.xml", "adapter-aws/pom.xml", "adapter-gcp/pom.xml", "adapter-azure/pom.xml",
        "maven-plugin/pom.xml")) {
      Map<String, String> own = properties(ROOT.resolve(module));
      for (Map.Entry<String, String> e : bom.entrySet()) {
        if (own.containsKey(e.getKey())) {
          assertThat(own.get(e.getKey())).as(module + " " + e.getKey()).isEqualTo(e.getValue());
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(bom.size() - 1); // every pin but the build time stamp
  }

  private static Map<String, String> properties(Path pom) throws Exception {
    Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    Map<String, String> out = new LinkedHashMap<>();
    NodeList children = root.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals("properties")) {
        for (Node p = e.getFirstChild(); p != null; p = p.getNextSibling()) {
          if (p instanceof Element property) {
            out.put(property.getTagName(), property.getTextContent().trim());
          }
        }
      }
    }
    return out;
  }
}
