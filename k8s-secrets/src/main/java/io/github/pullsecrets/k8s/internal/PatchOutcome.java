package io.github.pullsecrets.k8s.internal;

import io.github.pullsecrets.k8s.ManifestChange.Outcome;

/**
 * What patching did to one object of a document.
 *
 * @param item the index in a list document's {@code items}, or -1 for the document itself
 * @param kind the object's kind, empty when it has none
 * @param name the object's {@code metadata.name}, empty when it has none
 * @param outcome what happened
 * @param reason why nothing was done, empty when something was
 */
public record PatchOutcome(int item, String kind, String name, Outcome outcome, String reason) {}
