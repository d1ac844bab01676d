package io.github.pullsecrets.auth.internal.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Prints requests and headers with credentials replaced by a fixed placeholder. */
public final class SensitiveHeaders {

  /** The text shown instead of a sensitive header value. */
  public static final String REDACTED = "<redacted>";

  private static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-auth-token");

  private SensitiveHeaders() {}

  /**
   * Returns whether a header carries a credential.
   *
   * @param name the header name, any case
   * @return true for Authorization, Proxy-Authorization, Cookie, Set-Cookie and X-Auth-Token
   */
  public static boolean isSensitive(String name) {
    return SENSITIVE.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns method, URI and headers of a request, sensitive values redacted; never the body.
   *
   * @param request the request
   * @return a one-line description
   */
  public static String describe(HttpRequest request) {
    return request.method() + " " + request.uri() + " " + describe(request.headers());
  }

  /**
   * Returns the headers sorted by name, sensitive values redacted.
   *
   * @param headers the headers
   * @return a description such as {@code {Accept=[application/json], Authorization=<redacted>}}
   */
  public static String describe(HttpHeaders headers) {
    Map<String, Object> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.map().forEach((name, values) -> shown.put(name, isSensitive(name) ? REDACTED : values));
    return shown.toString();
  }
}
