import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-ACR-3: the registry is not reachable from the internet. */
export const registryPublicNetworkDisabled = defineRule({
  target: "terraform",
  id: "GITOPS-ACR-3",
  checkov: "CKV_AZURE_139",
  severity: "error",
  resourceTypes: ["azurerm_container_registry"],
  what: "The container registry has public network access disabled (reached through a private endpoint).",
  why: "A public registry endpoint can be probed and brute-forced from anywhere, and a leaked token works from anywhere.",
  fix: "Use a Premium registry with privateEndpoints (the prod tier default); where CI pushes from hosted runners over the internet, suppress with that reason.",
  evaluate: (resource) => expectEquals(resource.body, "public_network_access_enabled", false, true),
});
