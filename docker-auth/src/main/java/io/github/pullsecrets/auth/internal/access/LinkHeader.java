package io.github.pullsecrets.auth.internal.access;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code rel="next"} target of a {@code Link} header (RFC 8288), as registries page. */
public final class LinkHeader {

  private static final Pattern LINK = Pattern.compile("<([^>]*)>([^,<]*)");
  private static final Pattern NEXT =
      Pattern.compile(
          ";\\s*rel\\s*=\\s*(?:\"[^\"]*\\bnext\\b[^\"]*\"|next\\b)", Pattern.CASE_INSENSITIVE);

  private LinkHeader() {}

  /**
   * Returns the next page's URI, resolved against the request URI.
   *
   * @param value the {@code Link} header value
   * @param base the URI of the request that returned it
   * @return the next URI, if the header has a valid {@code rel="next"} link
   */
  public static Optional<URI> next(String value, URI base) {
    Matcher link = LINK.matcher(value);
    while (link.find()) {
      if (NEXT.matcher(link.group(2).toLowerCase(Locale.ROOT)).find()) {
        return resolve(base, link.group(1));
      }
    }
    return Optional.empty();
  }

  private static Optional<URI> resolve(URI base, String target) {
    try {
      return Optional.of(base.resolve(new URI(target.trim())));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
