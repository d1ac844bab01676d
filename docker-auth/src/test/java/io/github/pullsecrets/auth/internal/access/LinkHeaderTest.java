package io.github.pullsecrets.auth.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

  private static final URI BASE = URI.create("https://r.io:5000/v2/_catalog?n=1");

  @Test
  void resolvesTheRegistrysRelativeNextLink() {
    assertThat(LinkHeader.next("</v2/_catalog?last=team%2Fapp&n=1>; rel=\"next\"", BASE))
        .contains(URI.create("https://r.io:5000/v2/_catalog?last=team%2Fapp&n=1"));
  }

  @Test
  void picksNextAmongSeveralLinksAndIgnoresOthers() {
    assertThat(LinkHeader.next("</a>; rel=\"prev\", </b>; rel=next", BASE))
        .contains(URI.create("https://r.io:5000/b"));
    assertThat(LinkHeader.next("</a>; rel=\"prev\"", BASE)).isEmpty();
    assertThat(LinkHeader.next("garbage <", BASE)).isEmpty();
    assertThat(LinkHeader.next("<http://[bad>; rel=next", BASE)).isEmpty();
  }
}
