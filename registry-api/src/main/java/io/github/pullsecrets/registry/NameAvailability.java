package io.github.pullsecrets.registry;

/** Whether a registry name can be used for a new registry ({@code HEAD /names/{name}}). */
public enum NameAvailability {
  /** The name is valid and free (the API answers 404). */
  AVAILABLE,
  /** The name is valid but a registry already uses it (the API answers 200). */
  TAKEN,
  /** The name breaks the naming rules (the API answers 400, or local validation failed). */
  INVALID
}
