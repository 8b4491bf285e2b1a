import { defineRule } from "../../rule";
import { checkAttribute } from "../../terraform-values";

/** GITOPS-AKS-9: a control plane with an uptime SLA. */
export const aksPaidSku = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-9",
  checkov: "CKV_AZURE_170",
  severity: "warning",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS control plane uses the Standard or Premium tier (financially backed uptime SLA).",
  why: "The Free tier's API server has no SLA and fewer resources; GitOps sync and deployments stop when it is unavailable.",
  fix: "Use the staging or prod tier, or set the environment's aksSkuTier to Standard; a dev environment may suppress this with its reason.",
  evaluate: (resource) => checkAttribute(resource.body, "sku_tier", (v) => v === "Standard" || v === "Premium", { expected: '"Standard" or "Premium"', providerDefault: "Free" }),
});
