import { defineRule, NOT_APPLICABLE } from "../../rule";
import { expectAtLeast, lookup } from "../../terraform-values";

/** GITOPS-ACR-4: untagged manifests are cleaned up. */
export const registryRetentionPolicy = defineRule({
  target: "terraform",
  id: "GITOPS-ACR-4",
  checkov: "CKV_AZURE_167",
  severity: "warning",
  resourceTypes: ["azurerm_container_registry"],
  what: "A Premium registry has a retention policy for untagged manifests.",
  why: "Untagged manifests pile up unscanned and unreferenced; a retention policy removes them (digests pinned by a release stay tagged).",
  fix: "Keep the ContainerRegistry default retention (retention_policy_in_days) on Premium registries.",
  evaluate: (resource) => (lookup(resource.body, "sku") !== "Premium" ? NOT_APPLICABLE : expectAtLeast(resource.body, "retention_policy_in_days", 1)),
});
