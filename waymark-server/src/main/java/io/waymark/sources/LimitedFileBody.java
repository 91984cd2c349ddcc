package io.waymark.sources;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body written to a file as it arrives, that stops (cancelling the download) as soon as
 * it passes {@code maxBytes}; its result is the number of bytes written.
 */
final class LimitedFileBody implements HttpResponse.BodySubscriber<Long> {

  /** The body passed the limit; nothing more was read. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("over the limit", null);
    }
  }

  private final Path file;
  private final long maxBytes;
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private FileChannel out;
  private Flow.Subscription subscription;
  private long written;

  LimitedFileBody(Path file, long maxBytes) {
    this.file = file;
    this.maxBytes = maxBytes;
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    try {
      out =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
      s.request(1);
    } catch (IOException e) {
      s.cancel();
      result.completeExceptionally(e);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    try {
      for (ByteBuffer b : buffers) {
        written += b.remaining();
        if (written > maxBytes) {
          subscription.cancel();
          close();
          result.completeExceptionally(new TooLarge());
          return;
        }
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      subscription.request(1);
    } catch (IOException e) {
      subscription.cancel();
      close();
      result.completeExceptionally(e);
    }
  }

  @Override
  public void onError(Throwable t) {
    close();
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    close();
    result.complete(written);
  }

  private void close() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      // The run deletes the file whatever happened to it.
    }
  }
}
