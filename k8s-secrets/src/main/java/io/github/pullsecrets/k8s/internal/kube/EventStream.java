package io.github.pullsecrets.k8s.internal.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pullsecrets.auth.internal.http.StreamedResult;
import io.github.pullsecrets.k8s.KubeApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The events of one watch response, read as they arrive: one JSON object a line. {@link #close()}
 * may be called from another thread; it ends a {@link #next()} that is waiting for the server.
 */
public final class EventStream implements AutoCloseable {

  private static final Logger LOGGER = System.getLogger("io.github.pullsecrets.k8s.api");

  private final ApiCall call;
  private final StreamedResult response;
  private final BufferedReader lines;

  EventStream(ApiCall call, StreamedResult response) {
    this.call = call;
    this.response = response;
    this.lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  /**
   * Waits for the next event.
   *
   * @return the event ({@code type} and {@code object}); empty when the server ended the response
   * @throws KubeApiException when the connection breaks, the stream is closed, or a line is not a
   *     JSON object (a stream cut short)
   */
  public Optional<ObjectNode> next() {
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          return Optional.of(event(line));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw KubeApiException.builder(call.method(), call.path())
          .statusMessage("the watch stream broke: " + e.getClass().getSimpleName())
          .build(e);
    }
  }

  /** Closes the response, which releases the connection and ends a waiting {@link #next()}. */
  @Override
  public void close() {
    try {
      response.close();
    } catch (IOException e) {
      LOGGER.log(Level.DEBUG, () -> call + ": closing the watch stream failed");
    }
  }

  private ObjectNode event(String line) {
    try {
      JsonNode event = ApiTransport.json().readTree(line);
      if (event instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      LOGGER.log(Level.DEBUG, () -> call + ": watch event cut short");
    }
    throw KubeApiException.builder(call.method(), call.path())
        .statusMessage("the watch stream ended inside an event")
        .build();
  }
}
