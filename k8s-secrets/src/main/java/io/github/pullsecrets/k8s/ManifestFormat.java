package io.github.pullsecrets.k8s;

/** The text format of a manifest stream. */
public enum ManifestFormat {
  /** YAML, possibly several documents separated by {@code ---}. */
  YAML,
  /** JSON, one or more top-level values. */
  JSON
}
