package io.github.pullsecrets.auth.internal.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pullsecrets.auth.internal.http.JsonSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the error codes of a registry error body ({@code {"errors":[{"code":...}]}}) or of an
 * OAuth2 error ({@code {"error":...}}). Anything else yields no codes; nothing is quoted.
 */
public final class RegistryErrors {

  private static final ObjectMapper MAPPER = JsonSupport.newMapper();
  private static final int MAX_CODE_LENGTH = 64;

  private RegistryErrors() {}

  /**
   * Returns the error codes in the body.
   *
   * @param body a response body, possibly empty or not JSON
   * @return the codes, in order; empty when the body has none
   */
  public static List<String> codes(byte[] body) {
    JsonNode root = readTree(body);
    List<String> codes = new ArrayList<>();
    for (JsonNode error : root.path("errors")) {
      addCode(codes, error.path("code"));
    }
    addCode(codes, root.path("error"));
    return List.copyOf(codes);
  }

  private static void addCode(List<String> codes, JsonNode code) {
    String text = code.isTextual() ? code.asText() : "";
    if (!text.isEmpty() && text.length() <= MAX_CODE_LENGTH && text.matches("[A-Za-z0-9_.-]+")) {
      codes.add(text);
    }
  }

  private static JsonNode readTree(byte[] body) {
    try {
      JsonNode root = body.length == 0 ? null : MAPPER.readTree(body);
      return root == null ? MAPPER.createObjectNode() : root;
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }
}
