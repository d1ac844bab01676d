package io.github.pullsecrets.auth;

/** The regular expressions of the distribution/reference grammar, built from named parts. */
final class ReferenceGrammar {

  private static final String ALPHANUMERIC = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String PATH_COMPONENT =
      ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
  private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
  private static final String HOST = "(?:" + DOMAIN_NAME + "|" + IPV6 + ")";
  private static final String DOMAIN = HOST + "(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
  private static final String REMAINDER = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String NAME = "(?:" + DOMAIN + "/)?" + REMAINDER;

  /** A whole reference: group 1 the name, group 2 the tag, group 3 the digest. */
  static final String REFERENCE = "(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?";

  /** A name: group 1 the domain (absent when none), group 2 the path. */
  static final String ANCHORED_NAME = "(?:(" + DOMAIN + ")/)?(" + REMAINDER + ")";

  private ReferenceGrammar() {}
}
