package io.github.pullsecrets.auth.testing;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A real {@link HttpClient} that also notes "METHOD path" of every request it sends, so that tests
 * can count what went over the wire to the real registries. Every call goes to the wrapped client.
 */
public final class CountingHttpClient extends HttpClient {

  private final HttpClient delegate;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> schemes = new CopyOnWriteArrayList<>();

  /** Creates a client trusting exactly the given SSL context. */
  public CountingHttpClient(SSLContext sslContext) {
    this.delegate =
        HttpClient.newBuilder()
            .version(Version.HTTP_1_1)
            .followRedirects(Redirect.NEVER)
            .sslContext(sslContext)
            .build();
  }

  /** Returns "METHOD path" of each request so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Returns the requests with this method whose path contains a fragment. */
  public List<String> requests(String method, String pathFragment) {
    return requests.stream()
        .filter(r -> r.startsWith(method + " ") && r.contains(pathFragment))
        .toList();
  }

  /**
   * Returns "METHOD scheme://host/path authorization-scheme" of each request whose URI (without
   * query) contains a fragment, in order; the authorization scheme is the first word of the {@code
   * Authorization} header ({@code Basic}, {@code Bearer}) or {@code none}, never the credential.
   */
  public List<String> authorizations(String uriFragment) {
    return schemes.stream()
        .filter(r -> r.substring(0, r.lastIndexOf(' ')).contains(uriFragment))
        .toList();
  }

  /** Forgets the requests noted so far. */
  public void reset() {
    requests.clear();
    schemes.clear();
  }

  private void note(HttpRequest request) {
    requests.add(request.method() + " " + request.uri().getRawPath());
    URI uri = request.uri();
    String scheme =
        request.headers().firstValue("Authorization").map(v -> v.split(" ", 2)[0]).orElse("none");
    schemes.add(
        request.method()
            + " "
            + uri.getScheme()
            + "://"
            + uri.getRawAuthority()
            + uri.getRawPath()
            + " "
            + scheme);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    note(request);
    return delegate.send(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    note(request);
    return delegate.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    note(request);
    return delegate.sendAsync(request, handler, pushPromiseHandler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }
}
