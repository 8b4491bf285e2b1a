import { defineRule, NOT_APPLICABLE } from "../../rule";
import { expectEquals, lookup } from "../../terraform-values";

/** GITOPS-ACR-5: zone-redundant Premium registries. */
export const registryZoneRedundancy = defineRule({
  target: "terraform",
  id: "GITOPS-ACR-5",
  checkov: "CKV_AZURE_233",
  severity: "warning",
  resourceTypes: ["azurerm_container_registry"],
  what: "A Premium registry is zone redundant.",
  why: "Nodes in every zone pull from it; a registry in one zone makes a zone outage stop every new pod.",
  fix: "Keep the ContainerRegistry default (zone_redundancy_enabled on Premium).",
  evaluate: (resource) => (lookup(resource.body, "sku") !== "Premium" ? NOT_APPLICABLE : expectEquals(resource.body, "zone_redundancy_enabled", true, false)),
});
