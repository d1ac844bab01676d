package io.github.pullsecrets.k8s;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.TimeUnit;

/**
 * A WireMock extension that counts the requests of one method being served at the same time and
 * holds each one until {@code limit} are in flight (or every expected request has arrived), so that
 * a client allowed more than {@code limit} parallel requests shows it: the requests it sends while
 * the others are held push the count past the limit. The stub's own response is then served.
 */
final class InFlightGate implements ResponseDefinitionTransformerV2 {

  private static final long SAFETY_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final String method;
  private int limit;
  private int expected;
  private int inFlight;
  private int done;
  private int highest;

  InFlightGate(String method) {
    this.method = method;
  }

  @Override
  public String getName() {
    return "in-flight-gate";
  }

  /** Starts counting afresh for {@code expected} requests, held until {@code limit} overlap. */
  synchronized void expect(int limit, int expected) {
    this.limit = limit;
    this.expected = expected;
    this.inFlight = 0;
    this.done = 0;
    this.highest = 0;
  }

  /** Returns the most requests that were in flight at once. */
  synchronized int highest() {
    return highest;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    if (!event.getRequest().getMethod().getName().equals(method)) {
      return event.getResponseDefinition();
    }
    arrive();
    try {
      return event.getResponseDefinition();
    } finally {
      leave();
    }
  }

  private synchronized void arrive() {
    inFlight++;
    highest = Math.max(highest, inFlight);
    notifyAll();
    long deadline = System.nanoTime() + SAFETY_NANOS;
    while (inFlight < limit && inFlight + done < expected && System.nanoTime() < deadline) {
      try {
        TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private synchronized void leave() {
    inFlight--;
    done++;
    notifyAll();
  }
}
