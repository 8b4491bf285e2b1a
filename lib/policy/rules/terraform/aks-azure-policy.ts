import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-AKS-5: the Azure Policy add-on. */
export const aksAzurePolicy = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-5",
  checkov: "CKV_AZURE_116",
  severity: "warning",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS cluster runs the Azure Policy add-on (Gatekeeper with Azure's policy sets).",
  why: "Admission control in the cluster is the last line behind review and these rules: it also stops objects applied by hand.",
  fix: "Keep the AksCluster default (azure_policy_enabled = true).",
  evaluate: (resource) => expectEquals(resource.body, "azure_policy_enabled", true, false),
});
