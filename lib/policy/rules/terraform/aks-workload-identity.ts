import { defineRule } from "../../rule";
import { allOf, expectEquals } from "../../terraform-values";

/** GITOPS-AKS-13: workload identity instead of secrets. */
export const aksWorkloadIdentity = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-13",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS cluster has the OIDC issuer and workload identity on.",
  why: "Apps then reach Azure with federated, short-lived tokens of their own identity instead of client secrets in Kubernetes Secrets or the kubelet identity.",
  fix: "Keep the AksCluster defaults (oidc_issuer_enabled and workload_identity_enabled).",
  evaluate: (resource) =>
    allOf(expectEquals(resource.body, "oidc_issuer_enabled", true, false), expectEquals(resource.body, "workload_identity_enabled", true, false)),
});
