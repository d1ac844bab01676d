package io.github.pullsecrets.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, parsed and normalised as Docker, containerd and the kubelet do
 * ({@code ParseNormalizedNamed} of the distribution/reference library).
 *
 * <p>{@code nginx} becomes {@code docker.io/library/nginx}, {@code index.docker.io/x} becomes
 * {@code docker.io/library/x}; a registry is recognised before the first slash when it contains a
 * dot or a colon, is {@code localhost}, or has an upper-case letter; IPv6 hosts are written in
 * brackets ({@code [::1]:5000/app}). A reference may carry a tag, a digest, or both. Instances are
 * immutable and compare by their {@link #toString()} form.
 *
 * <p>One difference from the Go library: text longer than 1,024 characters is rejected before
 * matching (no valid reference comes near that: the path is limited to 255 characters, a tag to 128
 * and a digest to 135), which bounds the work a hostile input can cause.
 */
public final class ImageReference {

  /** The registry domain of Docker Hub images. */
  public static final String DOCKER_HUB = "docker.io";

  /** The host that serves Docker Hub's registry API. */
  public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

  private static final int MAX_PATH_LENGTH = 255;

  /** Longer than any valid name, tag and digest together; bounds the regular expression work. */
  private static final int MAX_REFERENCE_LENGTH = 1024;

  private static final Pattern REFERENCE = Pattern.compile(ReferenceGrammar.REFERENCE);
  private static final Pattern NAME = Pattern.compile(ReferenceGrammar.ANCHORED_NAME);
  private static final Pattern HEX_IDENTIFIER = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern UPPER = Pattern.compile("[A-Z]");

  private final String registry;
  private final String repository;
  private final String tag;
  private final String digest;

  private ImageReference(String registry, String repository, String tag, String digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses and normalises an image reference.
   *
   * @param reference the reference as written in a pod spec or on a command line
   * @return the parsed reference
   * @throws InvalidImageReferenceException if the reference is not valid, with the reason
   */
  public static ImageReference parse(String reference) {
    Objects.requireNonNull(reference, "reference");
    if (reference.length() > MAX_REFERENCE_LENGTH) {
      throw new InvalidImageReferenceException(
          reference,
          "invalid reference format: longer than " + MAX_REFERENCE_LENGTH + " characters");
    }
    if (HEX_IDENTIFIER.matcher(reference).matches()) {
      throw new InvalidImageReferenceException(
          reference,
          "invalid repository name ("
              + reference
              + "), cannot specify 64-byte hexadecimal strings");
    }
    String[] split = splitDockerDomain(reference);
    requireLowercaseRemoteName(reference, split[1]);
    return parseFull(reference, split[0] + "/" + split[1]);
  }

  /**
   * Parses a reference that must already be in canonical form ({@code docker.io/library/nginx}, not
   * {@code nginx}), as the strict {@code ParseNamed} of distribution/reference does.
   *
   * @param reference the canonical reference
   * @return the parsed reference
   * @throws InvalidImageReferenceException if it is invalid or not canonical
   */
  public static ImageReference parseCanonical(String reference) {
    ImageReference parsed = parse(reference);
    if (!parsed.toString().equals(reference)) {
      throw new InvalidImageReferenceException(reference, "repository name must be canonical");
    }
    return parsed;
  }

  /**
   * Returns the registry domain, {@code host[:port]}: {@code docker.io} for Docker Hub. It is empty
   * in the rare case the library also allows, a first component that is neither a valid host nor
   * free of dots (such as {@code foo_bar.com/app}).
   */
  public String registry() {
    return registry;
  }

  /** Returns the repository path within the registry, e.g. {@code library/nginx}. */
  public String repository() {
    return repository;
  }

  /** Returns the full name without tag or digest, e.g. {@code docker.io/library/nginx}. */
  public String name() {
    return registry.isEmpty() ? repository : registry + "/" + repository;
  }

  /** Returns the tag, if the reference has one. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** Returns the digest ({@code algorithm:hex}), if the reference has one. */
  public Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * Returns the host that serves this image's registry API: {@code registry-1.docker.io} for Docker
   * Hub, the registry domain otherwise.
   */
  public String apiHost() {
    return DOCKER_HUB.equals(registry) ? DOCKER_HUB_API_HOST : registry;
  }

  /** Returns this reference with the tag {@code latest} when it has neither tag nor digest. */
  public ImageReference withDefaultTag() {
    if (tag != null || digest != null) {
      return this;
    }
    return new ImageReference(registry, repository, "latest", null);
  }

  /**
   * Returns the short form people write: {@code nginx:1.25} for {@code
   * docker.io/library/nginx:1.25}, {@code user/app} for {@code docker.io/user/app}.
   */
  public String familiar() {
    return familiarName() + suffix();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageReference && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** Returns the normalised reference: name, then {@code :tag}, then {@code @digest}. */
  @Override
  public String toString() {
    return name() + suffix();
  }

  private String suffix() {
    return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  private String familiarName() {
    if (!DOCKER_HUB.equals(registry)) {
      return name();
    }
    String official = "library/";
    if (repository.startsWith(official) && repository.indexOf('/', official.length()) < 0) {
      return repository.substring(official.length());
    }
    return repository;
  }

  private static String[] splitDockerDomain(String reference) {
    int slash = reference.indexOf('/');
    String domain = DOCKER_HUB;
    String remainder = reference;
    if (slash >= 0 && looksLikeDomain(reference.substring(0, slash))) {
      domain = reference.substring(0, slash);
      remainder = reference.substring(slash + 1);
    }
    if ("index.docker.io".equals(domain)) {
      domain = DOCKER_HUB;
    }
    if (DOCKER_HUB.equals(domain) && remainder.indexOf('/') < 0) {
      remainder = "library/" + remainder;
    }
    return new String[] {domain, remainder};
  }

  private static boolean looksLikeDomain(String first) {
    return first.contains(".")
        || first.contains(":")
        || "localhost".equals(first)
        || UPPER.matcher(first).find();
  }

  private static void requireLowercaseRemoteName(String reference, String remainder) {
    int colon = remainder.indexOf(':');
    String remoteName = colon < 0 ? remainder : remainder.substring(0, colon);
    if (UPPER.matcher(remoteName).find()) {
      throw new InvalidImageReferenceException(
          reference,
          "invalid reference format: repository name (" + remoteName + ") must be lowercase");
    }
  }

  private static ImageReference parseFull(String reference, String normalised) {
    Matcher matcher = REFERENCE.matcher(normalised);
    if (!matcher.matches()) {
      throw new InvalidImageReferenceException(reference, "invalid reference format");
    }
    Matcher name = NAME.matcher(matcher.group(1));
    String registry = "";
    String path = matcher.group(1);
    if (name.matches() && name.group(1) != null) {
      registry = name.group(1);
      path = name.group(2);
    }
    if (path.length() > MAX_PATH_LENGTH) {
      throw new InvalidImageReferenceException(
          reference, "repository name must not be more than 255 characters");
    }
    String digest = matcher.group(3);
    if (digest != null) {
      Digests.validate(reference, digest);
    }
    return new ImageReference(registry, path, matcher.group(2), digest);
  }
}
