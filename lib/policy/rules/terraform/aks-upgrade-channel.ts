import { defineRule } from "../../rule";
import { checkAttribute } from "../../terraform-values";

/** GITOPS-AKS-8: automatic upgrades. */
export const aksUpgradeChannel = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-8",
  checkov: "CKV_AZURE_171",
  severity: "warning",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS cluster has an automatic upgrade channel (patch, stable, rapid or node-image).",
  why: "Clusters that are only upgraded by hand fall behind on security patches.",
  fix: "Keep the tier default automatic upgrade channel, or set one in the environment spec.",
  evaluate: (resource) =>
    checkAttribute(resource.body, "automatic_upgrade_channel", (v) => ["patch", "stable", "rapid", "node-image"].includes(String(v)), { expected: '"patch", "stable", "rapid" or "node-image"' }),
});
