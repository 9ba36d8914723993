package dev.faas4j.local.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faas4j.HttpFunction;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The kit is an ordinary jar whose JUnit and AssertJ dependencies are optional: it must run without them. */
class TestKitClasspathTest {

  @Test
  void callsAFunctionWithoutJUnitOrAssertJOnTheClasspath() throws Exception {
    URL[] jars = {location(FunctionTester.class), location(HttpFunction.class), location(ObjectMapper.class),
        location(JsonFactory.class), location(JsonProperty.class)};
    try (URLClassLoader loader = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("org.junit.jupiter.api.Test"))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> loader.loadClass("org.assertj.core.api.Assertions"))
          .isInstanceOf(ClassNotFoundException.class);

      Class<?> httpFunction = loader.loadClass(HttpFunction.class.getName());
      Class<?> responses = loader.loadClass("dev.faas4j.event.HttpResponse");
      Object noContent = responses.getMethod("noContent").invoke(null);
      Object response = noContent.getClass().getMethod("empty").invoke(noContent);
      Object function = Proxy.newProxyInstance(loader, new Class<?>[] {httpFunction},
          (proxy, method, args) -> method.getName().equals("handle") ? response : null);

      Class<?> tester = loader.loadClass(FunctionTester.class.getName());
      Object caller = tester.getMethod("http", httpFunction).invoke(null, function);
      Object request = loader.loadClass(TestEvents.class.getName()).getMethod("http", String.class, String.class)
          .invoke(null, "GET", "/");
      Method call = caller.getClass().getMethod("call", loader.loadClass(TestEvents.EventBuilder.class.getName()));
      Object served = call.invoke(caller, request);
      Object logs = caller.getClass().getMethod("logs").invoke(caller);
      logs.getClass().getMethod("assertNoErrors").invoke(logs);
      Class.forName(TestContext.class.getName(), true, loader).getMethod("create").invoke(null);

      assertThat(served.getClass().getMethod("status").invoke(served)).isEqualTo(204);
    }
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
