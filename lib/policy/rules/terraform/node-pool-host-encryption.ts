import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-NODE-1: encryption at host on every user node pool. */
export const nodePoolHostEncryption = defineRule({
  target: "terraform",
  id: "GITOPS-NODE-1",
  checkov: "CKV_AZURE_227",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster_node_pool"],
  what: "The node pool has encryption at host on (temp disks and disk caches encrypted).",
  why: "App pods write to the node's temporary disk (emptyDir, image layers); without it those bytes rest unencrypted on the VM host.",
  fix: "Keep the AksCluster default (host_encryption_enabled = true); the subscription needs the Microsoft.Compute/EncryptionAtHost feature registered.",
  evaluate: (resource) => expectEquals(resource.body, "host_encryption_enabled", true, false),
});
