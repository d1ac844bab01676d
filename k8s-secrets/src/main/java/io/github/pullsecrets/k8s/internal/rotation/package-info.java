/**
 * Rotation internals: reading and writing the token annotations on pull Secrets. Not exported;
 * the keys are documented on {@code io.github.pullsecrets.k8s.Rotation}.
 */
package io.github.pullsecrets.k8s.internal.rotation;
