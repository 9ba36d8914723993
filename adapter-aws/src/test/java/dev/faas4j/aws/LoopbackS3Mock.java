package dev.faas4j.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * S3Mock's own main, with its plain-HTTP connector bound to 127.0.0.1. S3Mock 5.2.0 adds that connector as a bean
 * with a port and no address, so it listens on every interface whatever {@code server.address} says (only the
 * HTTPS connector honours it). This main runs S3Mock's main under a Spring Boot application hook whose bean
 * post-processor sets the address of every Tomcat connector bean. It is started by Spring Boot's
 * {@code PropertiesLauncher} from S3Mock's jar ({@code loader.main}), so it sees S3Mock's classes; it names them
 * only through reflection and proxies because none of them is on this module's class path.
 */
final class LoopbackS3Mock {
  static final String HOST = "127.0.0.1";

  private LoopbackS3Mock() {}

  public static void main(String[] args) throws Exception {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> connector = loader.loadClass("org.apache.catalina.connector.Connector");
    Method setProperty = connector.getMethod("setProperty", String.class, String.class);
    Object bindToLoopback = proxy(loader, "org.springframework.beans.factory.config.BeanPostProcessor",
        (self, method, a) -> {
          if (method.getName().equals("postProcessBeforeInitialization") && connector.isInstance(a[0])
              && !(Boolean) setProperty.invoke(a[0], "address", HOST)) {
            throw new IllegalStateException("Tomcat refused the connector address " + HOST);
          }
          return a[0];
        });
    Method addBeanPostProcessor = loader.loadClass("org.springframework.beans.factory.config.ConfigurableBeanFactory")
        .getMethod("addBeanPostProcessor", loader.loadClass("org.springframework.beans.factory.config.BeanPostProcessor"));
    Object listener = proxy(loader, "org.springframework.boot.SpringApplicationRunListener", (self, method, a) -> {
      if (method.getName().equals("contextPrepared")) {
        Object beanFactory = a[0].getClass().getMethod("getBeanFactory").invoke(a[0]);
        addBeanPostProcessor.invoke(beanFactory, bindToLoopback);
      }
      return null;
    });
    Object hook = proxy(loader, "org.springframework.boot.SpringApplicationHook",
        (self, method, a) -> method.getName().equals("getRunListener") ? listener : null);
    Class<?> hookType = loader.loadClass("org.springframework.boot.SpringApplicationHook");
    Method main = loader.loadClass("com.adobe.testing.s3mock.S3MockApplication").getMethod("main", String[].class);
    Runnable runS3Mock = () -> {
      try {
        main.invoke(null, (Object) args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("S3Mock did not start", e);
      }
    };
    loader.loadClass("org.springframework.boot.SpringApplication").getMethod("withHook", hookType, Runnable.class)
        .invoke(null, hook, runS3Mock);
  }

  /** An implementation of the named interface; Object's own methods behave as for any object. */
  private static Object proxy(ClassLoader loader, String type, InvocationHandler handler) throws Exception {
    Class<?> iface = loader.loadClass(type);
    return Proxy.newProxyInstance(loader, new Class<?>[] {iface}, (self, method, a) -> switch (method.getName()) {
      case "hashCode" -> method.getParameterCount() == 0 ? System.identityHashCode(self) : handler.invoke(self, method, a);
      case "equals" -> method.getParameterCount() == 1 ? self == a[0] : handler.invoke(self, method, a);
      case "toString" -> method.getParameterCount() == 0 ? "LoopbackS3Mock " + iface.getSimpleName()
          : handler.invoke(self, method, a);
      default -> handler.invoke(self, method, a);
    });
  }
}
