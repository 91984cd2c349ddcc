package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sample of refusals without a valid key: bounded, newest first, fair across addresses. */
class UnauthenticatedRequestsTest {

  private final AtomicLong nanos = new AtomicLong();
  private final UnauthenticatedRequests sample =
      new UnauthenticatedRequests(
          new CollectorSettings.UnauthenticatedSample(10, 1, 2, 50), nanos::get);

  private boolean refuse(String address, String key) {
    return sample.sample(
        1_000,
        Endpoint.EVENTS,
        key == null
            ? UnauthenticatedRequests.Reason.MISSING_KEY
            : UnauthenticatedRequests.Reason.UNKNOWN_KEY,
        key,
        address,
        "https://shop.example",
        "agent/" + "x".repeat(500),
        123);
  }

  @Test
  void keepsOnlyTheLatestEntriesNewestFirstAndCountsEveryRefusal() {
    for (int i = 0; i < 1_000; i++) {
      refuse("10.0.0." + (i % 40), i % 2 == 0 ? null : "wm_ingest_guess_" + i);
      nanos.addAndGet(10_000_000L);
    }
    assertThat(sample.latest()).hasSize(10);
    assertThat(sample.latest().get(0).sequence()).isGreaterThan(sample.latest().get(9).sequence());
    assertThat(sample.refused(UnauthenticatedRequests.Reason.MISSING_KEY)).isEqualTo(500);
    assertThat(sample.refused(UnauthenticatedRequests.Reason.UNKNOWN_KEY)).isEqualTo(500);
    UnauthenticatedRequests.Entry e = sample.latest().get(0);
    assertThat(e.keyPrefix()).hasSizeLessThanOrEqualTo(UnauthenticatedRequests.KEY_PREFIX);
    assertThat(e.userAgent()).hasSize(UnauthenticatedRequests.MAX_TEXT);
    assertThat(e.contentLength()).isEqualTo(123);
  }

  @Test
  void oneAddressAddsOnlyItsBurstAndThenItsRate() {
    assertThat(refuse("10.0.0.1", null)).isTrue();
    assertThat(refuse("10.0.0.1", null)).isTrue();
    assertThat(refuse("10.0.0.1", null)).isFalse();
    assertThat(refuse("10.0.0.2", null)).as("another address").isTrue();
    nanos.addAndGet(1_000_000_000L);
    assertThat(refuse("10.0.0.1", null)).isTrue();
    assertThat(sample.refused(UnauthenticatedRequests.Reason.MISSING_KEY)).isEqualTo(5);
  }

  @Test
  void theAddressesTrackedStayBounded() {
    for (int i = 0; i < 10_000; i++) {
      refuse("10.1." + (i / 256) + "." + (i % 256), null);
      assertThat(sample.addressesTracked()).isLessThanOrEqualTo(50);
      if (i % 100 == 0) {
        nanos.addAndGet(2_000_000_000L); // the earlier addresses are idle again
      }
    }
  }
}
