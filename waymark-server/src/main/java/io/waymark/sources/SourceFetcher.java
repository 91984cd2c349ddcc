package io.waymark.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/**
 * Fetches a source's data into files of the run's own: the body of a GET for a URL (with a time
 * limit for the whole download and a size limit), or a copy of a server file or of each file of a
 * server directory. Every failure is a {@link Failed} whose message says what to do.
 */
final class SourceFetcher implements AutoCloseable {

  /** One fetched file, owned by the run until it is handed to an import. */
  record Fetched(String name, Path file, long bytes) {}

  /** The fetch failed; the message is written for whoever looks at the run. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  private final SourceSettings settings;
  private final Path workDir;
  private final HttpClient http;

  SourceFetcher(SourceSettings settings, Path workDir) throws IOException {
    this.settings = settings;
    this.workDir = Files.createDirectories(workDir);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** Deletes files left by runs that a stop interrupted. */
  void deleteLeftovers() throws IOException {
    try (Stream<Path> files = Files.list(workDir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  List<Fetched> fetch(Source source, String runId) throws Failed, InterruptedException {
    return source.url() != null ? List.of(download(source, runId)) : copy(source, runId);
  }

  private long limit() {
    return settings.maxBodySize().toBytes();
  }

  private Failed tooLarge(String what) {
    return new Failed(
        what
            + " is larger than the limit of "
            + limit()
            + " bytes (waymark.sources.max-body-size); raise the limit or have the other system"
            + " publish smaller files");
  }

  private Fetched download(Source source, String runId) throws Failed, InterruptedException {
    URI uri = URI.create(source.url());
    String where = "GET " + source.location();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("User-Agent", "Waymark");
    if (source.authHeader() != null) {
      request.header("Authorization", source.authHeader());
    }
    Path file = workDir.resolve(runId + "-0.fetch");
    AtomicLong declared = new AtomicLong(-1);
    HttpResponse.BodyHandler<Long> toFile =
        info -> {
          if (info.statusCode() / 100 != 2) {
            return HttpResponse.BodySubscribers.replacing(0L);
          }
          declared.set(info.headers().firstValueAsLong("Content-Length").orElse(-1));
          // A declared size over the limit stops at the first bytes.
          return new LimitedFileBody(file, declared.get() > limit() ? -1 : limit());
        };
    // The request timeout covers the wait for the answer; this one covers the whole body too.
    CompletableFuture<HttpResponse<Long>> call = http.sendAsync(request.build(), toFile);
    HttpResponse<Long> response;
    try {
      response = call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      delete(file);
      throw timedOut(where);
    } catch (InterruptedException e) {
      call.cancel(true);
      delete(file);
      throw e;
    } catch (ExecutionException e) {
      delete(file);
      throw failed(where, uri, e.getCause() == null ? e : e.getCause(), declared.get());
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      delete(file);
      throw new Failed(
          where
              + " answered HTTP "
              + status
              + "; check the source's URL"
              + (status == 401 || status == 403 ? " and its authorization header" : "")
              + " and that the other system serves the file there, then run it again");
    }
    return new Fetched(name(uri), file, response.body());
  }

  private Failed failed(String where, URI uri, Throwable cause, long declared) {
    if (cause instanceof LimitedFileBody.TooLarge) {
      return tooLarge(
          "the file at " + where.substring(4) + (declared > 0 ? " (" + declared + " bytes)" : ""));
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return new Failed(
          where
              + ": could not connect to "
              + hostPort(uri)
              + " within "
              + settings.connectTimeout().toSeconds()
              + " s (waymark.sources.connect-timeout); check the URL and that Waymark's server can"
              + " reach that host");
    }
    if (cause instanceof HttpTimeoutException) {
      return timedOut(where);
    }
    if (cause instanceof ConnectException c) {
      return new Failed(where + ": " + unreachable(uri, c));
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new Failed(
            where
                + ": the TLS handshake failed ("
                + t.getMessage()
                + "); check the host's certificate or use the URL the other system documents");
      }
    }
    return new Failed(where + ": the download failed (" + cause + "); run the source again");
  }

  private Failed timedOut(String where) {
    return new Failed(
        where
            + ": no complete answer within "
            + settings.timeout().toSeconds()
            + " s (waymark.sources.timeout); check that the other system is up, or raise the"
            + " timeout for large files");
  }

  private String unreachable(URI uri, ConnectException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the host name " + uri.getHost() + " is unknown; check the URL and the server's DNS";
      }
    }
    return "could not connect to "
        + hostPort(uri)
        + " (connection refused: nothing listens there, or a firewall blocks it); check the URL"
        + " and that the other system is up";
  }

  private static String hostPort(URI uri) {
    int port =
        uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return uri.getHost() + ":" + port;
  }

  private List<Fetched> copy(Source source, String runId) throws Failed {
    Path path = Path.of(source.path());
    if (settings.fileRoots().stream().noneMatch(path::startsWith)) {
      throw new Failed(
          "the server path "
              + path
              + " is not inside the allowed directories "
              + settings.fileRoots()
              + " (waymark.sources.file-roots); allow it or change the source's path");
    }
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(path)) {
      files.add(path);
    } else if (Files.isDirectory(path)) {
      try (Stream<Path> listed = Files.list(path)) {
        listed
            .filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new Failed(
            "cannot list the directory " + path + " (" + e + "); check its permissions");
      }
      if (files.size() > settings.maxFiles()) {
        throw new Failed(
            "the directory "
                + path
                + " holds "
                + files.size()
                + " files, more than "
                + settings.maxFiles()
                + " (waymark.sources.max-files); move imported files away or raise the limit");
      }
    } else {
      throw new Failed(
          "no file or directory "
              + path
              + " on the server; create it or correct the source's path");
    }
    List<Fetched> out = new ArrayList<>();
    try {
      for (Path p : files) {
        Path copy = workDir.resolve(runId + "-" + out.size() + ".fetch");
        try (InputStream in = Files.newInputStream(p)) {
          out.add(new Fetched(p.getFileName().toString(), copy, save(in, copy, "the file " + p)));
        } catch (IOException e) {
          throw new Failed("cannot read the file " + p + " (" + e + "); check its permissions");
        }
      }
      return out;
    } catch (Failed e) {
      out.forEach(f -> delete(f.file()));
      throw e;
    }
  }

  /** Streams {@code in} to {@code file} up to the size limit; returns the bytes written. */
  private long save(InputStream in, Path file, String what) throws IOException, Failed {
    long n = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
        n += r;
        if (n > limit()) {
          throw tooLarge(what);
        }
        out.write(buf, 0, r);
      }
    } catch (IOException | Failed e) {
      delete(file);
      throw e;
    }
    return n;
  }

  private static String name(URI uri) {
    String p = uri.getPath() == null ? "" : uri.getPath();
    String last = p.substring(p.lastIndexOf('/') + 1);
    return last.isBlank() ? uri.getHost() : last;
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The next start deletes leftovers.
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
