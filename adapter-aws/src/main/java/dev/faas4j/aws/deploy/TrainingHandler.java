package dev.faas4j.aws.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.faas4j.aws.AwsPlatform;
import dev.faas4j.aws.LambdaHandler;
import dev.faas4j.local.training.Training;
import dev.faas4j.port.memory.InMemoryPlatform;
import dev.faas4j.spi.FunctionApps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The handler of a training run ({@link LambdaTraining}): the app on in-memory ports, so that no real backend is
 * touched, behind the real {@link LambdaHandler}. It writes the JVM's identity to {@code FAAS4J_TRAINING_JDK}, the
 * record kept next to the archive. Never deployed.
 */
public final class TrainingHandler implements RequestStreamHandler {
  static final String JDK_RECORD = "FAAS4J_TRAINING_JDK";
  private static final LambdaHandler HANDLER = create();

  private static LambdaHandler create() {
    String record = System.getenv(JDK_RECORD);
    if (record != null) {
      Training.writeJdkIdentity(Path.of(record));
    }
    // What the deployed handler's start-up uses besides: Lambda's platform (its clients are built on first use, so
    // none is) and, when org.crac is there, the snapshot priming, linked so that the archive holds them. Without
    // org.crac the handler never names Priming, and the packaged function does not ship it.
    AwsPlatform.fromEnvironment();
    if (present("org.crac.Resource")) {
      try {
        Class.forName("dev.faas4j.aws.Priming", true, LambdaHandler.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("adapter-aws without dev.faas4j.aws.Priming", e);
      }
    }
    return new LambdaHandler(FunctionApps.load(TrainingHandler.class.getClassLoader(), System::getenv),
        new InMemoryPlatform(Clock.systemUTC(), System.getenv()), System::getenv);
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, LambdaHandler.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    HANDLER.handleRequest(input, output, context);
  }
}
