import { createHash } from "crypto";
import { MANAGED_BY_LABELS } from "../../core/labels";
import { sortedRecord } from "../../core/sorting";
import { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { ResolvedApp } from "../resolved-app";

/** The metadata of a Kubernetes object. */
export type ObjectMeta = KubernetesObject["metadata"];

/**
 * Flux substitutes `${var}` in every object of a kustomization that has post-build variables, unless the
 * object carries this annotation. Every app object carries it except the ServiceAccount and the
 * SecretProviderClass, whose only `${...}` are the identity variables; so `${...}` in env values, config
 * files, hosts or paths reaches the cluster unchanged.
 */
export const FLUX_SUBSTITUTE_DISABLED: Readonly<Record<string, string>> = { "kustomize.toolkit.fluxcd.io/substitute": "disabled" };

/**
 * Hashed objects stay in the cluster when a newer revision replaces them, so older ReplicaSets keep working.
 * Argo CD reports an Application OutOfSync while a kept object waits for pruning, unless the object is also
 * left out of the sync status (`IgnoreExtraneous`); without it every config change would fire the
 * out-of-sync alert until someone deleted the old objects.
 */
export const KEEP_ON_PRUNE: Readonly<Record<string, string>> = {
  "kustomize.toolkit.fluxcd.io/prune": "disabled",
  "argocd.argoproj.io/sync-options": "Prune=false",
  "argocd.argoproj.io/compare-options": "IgnoreExtraneous",
};

/** The label that marks a pod (and its ServiceAccount) as using Azure workload identity. */
export const WORKLOAD_IDENTITY_USE = "azure.workload.identity/use";

/** The labels of every object of the app: its name and the managed-by label. */
export function appLabels(app: ResolvedApp): Record<string, string> {
  return { "app.kubernetes.io/name": app.name, ...MANAGED_BY_LABELS };
}

/** The selector of the app's pods; a new object at every use: a shared one would be written as a YAML anchor and alias. */
export function appSelector(app: ResolvedApp): Record<string, string> {
  return { "app.kubernetes.io/name": app.name };
}

/** Metadata of an object in the app's namespace: name, namespace, the app's labels, and `extra` fields on top. */
export function appMeta(app: ResolvedApp, name: string, extra: Partial<ObjectMeta> = {}): ObjectMeta {
  return { name, namespace: app.namespace, labels: appLabels(app), ...extra };
}

/** Metadata of an object whose text comes (partly) from the user: Flux must leave any `${...}` in it alone. */
export function literalMeta(app: ResolvedApp, name: string, annotations: Readonly<Record<string, string>> = {}): ObjectMeta {
  return appMeta(app, name, { annotations: { ...annotations, ...FLUX_SUBSTITUTE_DISABLED } });
}

/** The first 10 hex digits of the SHA-256 of a record's sorted JSON. */
export function contentHash(record: Readonly<Record<string, string>>): string {
  return createHash("sha256").update(JSON.stringify(sortedRecord(record))).digest("hex").slice(0, 10);
}
