package dev.faas4j.local.http;

import dev.faas4j.local.http.RequestParser.Rejection;
import dev.faas4j.local.http.RequestParser.Request;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The server's one I/O thread: accepts connections and reads every request to its end without blocking, so only
 * complete requests reach the worker pool. Slow, stalled or non-HTTP clients hold a buffer until their timeout, never
 * a worker (before, four of them stopped the server). Workers write their response straight to the socket; the rare
 * response the client does not read at once is finished here. Connections are capped: at the cap, the connection
 * idle longest makes room, so an idle flood cannot lock out an active client.
 */
final class ConnectionLoop implements Runnable {
  /** What the server does with a request: called on a worker thread, answers through {@link Connection#respond}. */
  interface RequestHandler {
    void handle(Connection connection, Request request);

    /** Answers a request the parser refused (on the I/O thread: it only builds a small JSON body). */
    byte[] rejection(Rejection rejection);
  }

  private final ServerSocketChannel server;
  private final Selector selector;
  private final Executor workers;
  private final RequestHandler handler;
  private final LocalHttpServer.Limits limits;
  private final long maxBody;
  private final Set<Connection> connections = new HashSet<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  ConnectionLoop(InetSocketAddress address, Executor workers, RequestHandler handler, LocalHttpServer.Limits limits,
      long maxBody) throws IOException {
    this.workers = workers;
    this.handler = handler;
    this.limits = limits;
    this.maxBody = maxBody;
    this.selector = Selector.open();
    this.server = ServerSocketChannel.open();
    try {
      server.bind(address, 1024);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      server.close();
      selector.close();
      throw e;
    }
    // Not a daemon: like the JDK server's dispatcher, a running server keeps the JVM alive (LocalRuntime.main
    // returns once started) until it is stopped.
    this.thread = new Thread(this, "faas4j-http-io");
  }

  void start() {
    thread.start();
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) server.getLocalAddress();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Stops accepting and reading, closes every connection and waits for the I/O thread to end. */
  void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    long nextSweep = System.nanoTime();
    try {
      while (running) {
        selector.select(250);
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          try {
            if (key.isAcceptable()) {
              accept();
            } else if (key.attachment() instanceof Connection c) {
              if (key.isWritable()) {
                c.flush();
              } else if (key.isReadable()) {
                c.read();
              }
            }
          } catch (CancelledKeyException e) {
            // closed while its event was pending
          }
        }
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
          sweep(now);
          nextSweep = now + TimeUnit.MILLISECONDS.toNanos(250);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The selector itself failed: nothing more can be served; the owner sees it as a closed server.
    } finally {
      for (Connection c : new ArrayList<>(connections)) {
        c.close();
      }
      try {
        server.close();
        selector.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void accept() throws IOException {
    for (int i = 0; i < 64; i++) {
      SocketChannel channel = server.accept();
      if (channel == null) {
        return;
      }
      if (connections.size() >= limits.maxConnections() && !evictIdlest()) {
        channel.close(); // every connection is busy: refused, as a full backlog would
        continue;
      }
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Connection c = new Connection(channel);
      c.key = channel.register(selector, SelectionKey.OP_READ, c);
      connections.add(c);
    }
  }

  private boolean evictIdlest() {
    Connection idlest = null;
    for (Connection c : connections) {
      if (c.state == State.READING && !c.parser.started(c.in)
          && (idlest == null || c.since - idlest.since < 0)) {
        idlest = c;
      }
    }
    if (idlest != null) {
      idlest.close();
    }
    return idlest != null;
  }

  /** Closes connections past their idle or request deadline; a half-received request is answered 408 first. */
  private void sweep(long now) {
    long idle = limits.idleTimeout().toNanos();
    long request = limits.requestTimeout().toNanos();
    for (Connection c : new ArrayList<>(connections)) {
      long age = now - c.since;
      if (c.state == State.READING) {
        boolean started = c.parser.started(c.in);
        if (started && age > request) {
          c.reject(new Rejection(408, "The request was not received within "
              + limits.requestTimeout().toMillis() + " ms"));
        } else if (!started && age > idle) {
          c.close();
        }
      } else if (c.state == State.WRITING && age > request) {
        c.close(); // the client stopped reading its response
      }
    }
  }

  private enum State { READING, WORKING, WRITING, CLOSED }

  /** One client connection. Its fields are used by the I/O thread, or by the one worker that holds it. */
  final class Connection {
    private final SocketChannel channel;
    private final RequestParser parser;
    private final RequestParser.Buffer in = new RequestParser.Buffer();
    private @Nullable SelectionKey key;
    private volatile State state = State.READING;
    private volatile long since = System.nanoTime();
    private ByteBuffer @Nullable [] pending;
    private boolean closeAfterWrite;

    Connection(SocketChannel channel) {
      this.channel = channel;
      this.parser = new RequestParser(maxBody, limits.maxHeaderBytes());
    }

    @Nullable InetSocketAddress remote() {
      try {
        return (InetSocketAddress) channel.getRemoteAddress();
      } catch (IOException e) {
        return null;
      }
    }

    private void read() {
      boolean wasStarted = parser.started(in);
      int n;
      try {
        n = channel.read(in.writable(parser.expectedSize()));
      } catch (IOException e) {
        close();
        return;
      }
      if (n < 0) {
        close();
        return;
      }
      in.wrote(n);
      if (!wasStarted && n > 0) {
        since = System.nanoTime(); // the request timeout runs from its first byte
      }
      next();
    }

    /** Parses what is buffered: dispatches a complete request, answers a refused one, or waits for more. */
    private void next() {
      Request request;
      try {
        request = parser.parse(in);
      } catch (Rejection r) {
        reject(r);
        return;
      }
      if (request == null) {
        byte[] interim = parser.interim(in);
        if (interim != null) {
          try {
            channel.write(ByteBuffer.wrap(interim));
          } catch (IOException e) {
            close();
          }
        }
        return;
      }
      state = State.WORKING;
      key.interestOps(0); // nothing is read while a worker answers: responses go out in request order
      try {
        workers.execute(() -> handler.handle(this, request));
      } catch (RejectedExecutionException e) {
        close();
      }
    }

    private void reject(Rejection r) {
      state = State.WORKING;
      key.interestOps(0);
      sendAndContinue(new ByteBuffer[] {ByteBuffer.wrap(handler.rejection(r))}, true);
    }

    /**
     * Sends a response (called by the worker that holds the connection): written at once when the socket takes it,
     * else finished by the I/O thread. Then the connection reads its next request, or closes.
     */
    void respond(ByteBuffer[] response, boolean close) {
      try {
        channel.write(response);
      } catch (IOException e) {
        tasks.add(this::close);
        selector.wakeup();
        return;
      }
      tasks.add(() -> sendAndContinue(response, close));
      selector.wakeup();
    }

    private void sendAndContinue(ByteBuffer[] response, boolean close) {
      if (state == State.CLOSED) {
        return;
      }
      pending = response;
      closeAfterWrite = close;
      state = State.WRITING;
      since = System.nanoTime();
      flush();
    }

    private void flush() {
      ByteBuffer[] out = pending;
      try {
        if (out != null) {
          channel.write(out);
          if (out[out.length - 1].hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
          }
        }
      } catch (IOException e) {
        close();
        return;
      }
      pending = null;
      if (closeAfterWrite || !running) {
        close();
        return;
      }
      state = State.READING;
      since = System.nanoTime();
      key.interestOps(SelectionKey.OP_READ);
      if (in.size() > 0) {
        next(); // a pipelined request already buffered
      }
    }

    private void close() {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      connections.remove(this);
      if (key != null) {
        key.cancel();
      }
      try {
        channel.close();
      } catch (IOException e) {
        // closed anyway
      }
    }
  }
}
