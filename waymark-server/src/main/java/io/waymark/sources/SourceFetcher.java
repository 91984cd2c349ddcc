package io.waymark.sources;

import io.waymark.outbound.OutboundGuard;
import io.waymark.outbound.OutboundHttp;
import io.waymark.platform.AllowedDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;

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
  private final OutboundHttp http;

  SourceFetcher(SourceSettings settings, Path workDir, OutboundHttp http) throws IOException {
    this.settings = settings;
    this.workDir = Files.createDirectories(workDir);
    this.http = http;
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
    List<Fetched> out =
        source.url() != null ? List.of(download(source, runId)) : copy(source, runId);
    try {
      for (Fetched f : out) {
        if (f.bytes() > 0) {
          String what =
              source.url() != null
                  ? "the answer of GET " + source.location()
                  : "the file " + f.name() + " of " + source.path();
          ExpectedFormat.checkStart(source.kind(), f.file(), what);
        }
      }
    } catch (Failed e) {
      out.forEach(f -> delete(f.file()));
      throw e;
    }
    return out;
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
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "Waymark");
    if (source.authHeader() != null) {
      headers.put("Authorization", source.authHeader());
    }
    Path file = workDir.resolve(runId + "-0.fetch");
    try (OutboundHttp.Answer answer = http.get(uri, headers, settings.timeout())) {
      int status = answer.status();
      if (status / 100 != 2) {
        throw new Failed(
            where
                + " answered HTTP "
                + status
                + "; check the source's URL"
                + (status == 401 || status == 403 ? " and its authorization header" : "")
                + " and that the other system serves the file there, then run it again");
      }
      long declared = answer.header("Content-Length").map(SourceFetcher::number).orElse(-1L);
      if (declared > limit()) {
        throw tooLarge("the file at " + where.substring(4) + " (" + declared + " bytes)");
      }
      ExpectedFormat.checkContentType(source.kind(), answer.header("Content-Type"), where);
      long bytes;
      try (InputStream in = answer.body()) {
        bytes = save(in, file, "the file at " + where.substring(4));
      }
      if (Thread.interrupted()) {
        delete(file);
        throw new InterruptedException();
      }
      return new Fetched(name(uri), file, bytes);
    } catch (IOException e) {
      delete(file);
      throw failed(where, uri, e);
    } catch (Failed e) {
      delete(file);
      throw e;
    }
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Failed failed(String where, URI uri, IOException cause) {
    if (cause instanceof OutboundHttp.TimedOut) {
      return timedOut(where);
    }
    if (cause instanceof OutboundGuard.Refused r) {
      return new Failed(
          where
              + ": "
              + r.getMessage()
              + ". Nothing was sent. If the other system really is on such an address, an operator"
              + " can allow it with waymark.outbound.allowed-networks");
    }
    if (cause instanceof OutboundHttp.BadRedirect r) {
      return new Failed(where + ": " + r.getMessage() + "; use the URL the file finally lives at");
    }
    if (cause instanceof ConnectTimeoutException) {
      return new Failed(
          where
              + ": could not connect to "
              + hostPort(uri)
              + " within "
              + settings.connectTimeout().toSeconds()
              + " s (waymark.sources.connect-timeout); check the URL and that Waymark's server can"
              + " reach that host");
    }
    if (cause instanceof ConnectException c) {
      return new Failed(where + ": " + unreachable(uri, c));
    }
    if (cause instanceof UnknownHostException) {
      return new Failed(
          where
              + ": the host name "
              + uri.getHost()
              + " is unknown; check the URL and the server's DNS");
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

  private static String unreachable(URI uri, ConnectException e) {
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
    AllowedDirectories roots = new AllowedDirectories(settings.fileRoots());
    if (!roots.containsByName(path)) {
      throw new Failed(
          "the server path "
              + path
              + " is not inside the allowed directories "
              + roots
              + " (waymark.sources.file-roots); allow it or change the source's path");
    }
    Optional<Path> escaped = roots.escape(path);
    if (escaped.isPresent()) {
      throw outside(path, escaped.get(), roots);
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
    // A file inside the directory may be a link to anywhere: each is read at its real place,
    // which must be inside too, and opened without following a link swapped in meanwhile.
    List<Path> real = new ArrayList<>();
    for (Path p : files) {
      Optional<Path> out = roots.escape(p);
      if (out.isPresent()) {
        throw outside(p, out.get(), roots);
      }
      try {
        real.add(p.toRealPath());
      } catch (IOException e) {
        throw new Failed("cannot read the file " + p + " (" + e + "); check its permissions");
      }
    }
    List<Fetched> out = new ArrayList<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        Path p = files.get(i);
        Path copy = workDir.resolve(runId + "-" + out.size() + ".fetch");
        try (InputStream in = Files.newInputStream(real.get(i), LinkOption.NOFOLLOW_LINKS)) {
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

  private static Failed outside(Path path, Path real, AllowedDirectories roots) {
    return new Failed(
        path
            + " is a symbolic link (or lies under one) to "
            + real
            + ", outside the allowed directories "
            + roots
            + " (waymark.sources.file-roots); nothing was read. Replace the link with the file"
            + " itself, or allow the directory it points to");
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
  public void close() throws IOException {
    http.close();
  }
}
