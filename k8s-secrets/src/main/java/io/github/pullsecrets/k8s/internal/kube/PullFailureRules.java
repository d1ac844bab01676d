package io.github.pullsecrets.k8s.internal.kube;

import io.github.pullsecrets.auth.AccessResult;
import io.github.pullsecrets.k8s.PullFailureCause;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the cause of a failed pull from the kubelet's event messages (which quote the container
 * runtime's error) or from a registry access check. The patterns cover containerd, CRI-O and Docker
 * wording; the first rule that matches any message wins, in the order of this class.
 */
public final class PullFailureRules {

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              PullFailureCause.RATE_LIMITED,
              "429 too many requests|toomanyrequests" + "|rate limit"),
          new Rule(
              PullFailureCause.TLS_OR_NETWORK,
              "x509:|tls:|certificate signed by unknown"
                  + "|certificate is not valid|dial tcp|no such host|i/o timeout"
                  + "|connection refused|network is unreachable|connection reset"),
          new Rule(
              PullFailureCause.NO_PULL_SCOPE,
              "insufficient_scope|403 forbidden"
                  + "|requested access to the resource is denied|denied:"),
          new Rule(
              PullFailureCause.CREDENTIAL_REJECTED,
              "401 unauthorized|unauthorized:"
                  + "|authentication required|invalid username/password|incorrect username"),
          new Rule(
              PullFailureCause.IMAGE_NOT_FOUND,
              "not found|manifest unknown" + "|name unknown|does not exist"));

  private PullFailureRules() {}

  /** A cause and the pattern that shows it. */
  private record Rule(PullFailureCause cause, String regex) {
    boolean matches(String message) {
      return Pattern.compile(regex).matcher(message.toLowerCase(Locale.ROOT)).find();
    }
  }

  /**
   * Returns the cause that the event messages show.
   *
   * @param messages the kubelet's event messages
   * @return the first rule's cause that matches, or empty
   */
  public static Optional<PullFailureCause> fromEvents(List<String> messages) {
    for (Rule rule : RULES) {
      if (messages.stream().anyMatch(rule::matches)) {
        return Optional.of(rule.cause());
      }
    }
    return Optional.empty();
  }

  /**
   * Returns whether a cause comes from the registry or the network, not from the pull secrets.
   *
   * @param cause the cause
   * @return whether the secrets cannot explain it
   */
  public static boolean independentOfSecrets(PullFailureCause cause) {
    return cause == PullFailureCause.RATE_LIMITED
        || cause == PullFailureCause.TLS_OR_NETWORK
        || cause == PullFailureCause.IMAGE_NOT_FOUND;
  }

  /**
   * Returns the cause a registry access check shows.
   *
   * @param result the check's result
   * @return the cause, or empty when the pull was allowed or the answer was unexpected
   */
  public static Optional<PullFailureCause> fromAccess(AccessResult result) {
    if (result.status().orElse(0) == 429) {
      return Optional.of(PullFailureCause.RATE_LIMITED);
    }
    switch (result.outcome()) {
      case BAD_CREDENTIALS:
        return Optional.of(PullFailureCause.CREDENTIAL_REJECTED);
      case NO_ACCESS:
        return Optional.of(PullFailureCause.NO_PULL_SCOPE);
      case NOT_FOUND:
        return Optional.of(PullFailureCause.IMAGE_NOT_FOUND);
      case UNREACHABLE:
      case TLS_FAILURE:
        return Optional.of(PullFailureCause.TLS_OR_NETWORK);
      default:
        return Optional.empty();
    }
  }
}
