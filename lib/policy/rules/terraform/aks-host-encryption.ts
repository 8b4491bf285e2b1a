import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-AKS-11: encryption at host on the system node pool. */
export const aksHostEncryption = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-11",
  checkov: "CKV_AZURE_227",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The default (system) node pool has encryption at host on (temp disks and disk caches encrypted).",
  why: "Without it the nodes' temporary disks and OS disk caches are stored unencrypted on the VM host.",
  fix: "Keep the AksCluster default (default_node_pool.host_encryption_enabled = true); the subscription needs the Microsoft.Compute/EncryptionAtHost feature registered.",
  evaluate: (resource) => expectEquals(resource.body, "default_node_pool.host_encryption_enabled", true, false),
});
