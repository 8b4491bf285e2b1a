import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from "../../rule";

/** The cluster-scoped kinds the library (and common add-ons) write. */
export const CLUSTER_SCOPED_KINDS: readonly string[] = [
  "Namespace", "ClusterRole", "ClusterRoleBinding", "PriorityClass", "CustomResourceDefinition", "StorageClass",
  "PersistentVolume", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "IngressClass", "Kustomization.kustomize.config.k8s.io",
];

/** GITOPS-KUBE-1: objects live in their own namespace. */
export const noDefaultNamespace = defineRule({
  target: "kubernetes",
  id: "GITOPS-KUBE-1",
  checkov: "CKV_K8S_21",
  severity: "error",
  kinds: "*",
  what: "Every namespaced object names a namespace other than default.",
  why: "Objects in default (or with no namespace, landing wherever the applier points) share one security boundary with everything else put there.",
  fix: "Give the object its app's namespace (the library sets it on every object it writes).",
  evaluate: (object) => {
    if (CLUSTER_SCOPED_KINDS.includes(object.kind) || object.apiVersion.startsWith("kustomize.config.k8s.io")) return NOT_APPLICABLE;
    const namespace = object.metadata.namespace;
    if (namespace === undefined || namespace === "") return nonCompliant("has no namespace");
    return namespace === "default" ? nonCompliant("is in the default namespace") : COMPLIANT;
  },
});
