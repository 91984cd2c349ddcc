package io.waymark.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP hop between the browser and the collector that can fail like a real network: offline (every
 * connection is dropped at once, open ones too), or losing answers (the request reaches the
 * collector, its answer never reaches the browser).
 */
final class FlakyNetwork implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean offline;
  private final AtomicInteger answersToLose = new AtomicInteger();
  final AtomicInteger dropped = new AtomicInteger();
  final AtomicInteger lostAnswers = new AtomicInteger();

  FlakyNetwork(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Drops every open connection and every new one until {@link #online}. */
  void offline() {
    offline = true;
    for (Socket s : open) {
      close(s);
    }
  }

  void online() {
    offline = false;
  }

  /** The next {@code n} answers are lost on the way back (the requests still arrive). */
  void loseAnswers(int n) {
    answersToLose.set(n);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (offline) {
          dropped.incrementAndGet();
          close(client);
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        Thread.ofVirtual().start(() -> pipe(client, upstream, false));
        Thread.ofVirtual().start(() -> pipe(upstream, client, true));
      } catch (IOException e) {
        // closed: the loop ends
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean answers) {
    byte[] buf = new byte[8192];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (answers && answersToLose.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
          lostAnswers.incrementAndGet();
          break; // the collector answered; the browser never hears it
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the other side closed
    } finally {
      close(from);
      close(to);
    }
  }

  private void close(Socket s) {
    open.remove(s);
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      close(s);
    }
  }
}
