package io.github.pullsecrets.k8s.internal;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Jackson's minimal quoting made safe for every YAML reader Kubernetes users meet. On top of
 * Jackson's rules (booleans such as {@code on}, {@code yes}, {@code n}, and {@code null}), it
 * quotes every string that a YAML 1.1 or 1.2 reader could take for something other than a string:
 * anything that starts like a number ({@code 8080}, {@code 0x1F}, {@code 1e3}, {@code 1_000},
 * {@code 0755}, {@code 1:20}, {@code 2001-12-14}, {@code .5}), infinity and not-a-number, and the
 * YAML 1.1 value and merge keys {@code =} and {@code <<}.
 */
final class KubernetesQuoting extends StringQuotingChecker.Default {

  private static final long serialVersionUID = 1L;
  private static final Pattern AMBIGUOUS =
      Pattern.compile("[-+.]?[0-9].*|[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)|=|<<", Pattern.DOTALL);

  /**
   * Returns whether a key needs quotes. Unlike Jackson, keys such as {@code .dockerconfigjson} (a
   * dot, then a letter) stay plain, as kubectl prints them: no YAML reader takes them for anything
   * but a string.
   */
  @Override
  public boolean needToQuoteName(String name) {
    if (AMBIGUOUS.matcher(name).matches()) {
      return true;
    }
    boolean dotWord =
        name.length() > 1 && name.charAt(0) == '.' && Character.isLetter(name.charAt(1));
    return super.needToQuoteName(dotWord ? name.substring(1) : name);
  }

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || AMBIGUOUS.matcher(value).matches();
  }
}
