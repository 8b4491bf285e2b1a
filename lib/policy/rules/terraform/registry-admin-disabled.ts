import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-ACR-1: no registry admin user. */
export const registryAdminDisabled = defineRule({
  target: "terraform",
  id: "GITOPS-ACR-1",
  checkov: "CKV_AZURE_137",
  severity: "error",
  resourceTypes: ["azurerm_container_registry"],
  what: "The container registry's admin user is disabled.",
  why: "The admin user is one shared username and password with push rights that cannot be scoped or audited per identity.",
  fix: "Keep the ContainerRegistry default (admin_enabled = false); clusters pull with AcrPull, CI pushes with its OIDC identity.",
  evaluate: (resource) => expectEquals(resource.body, "admin_enabled", false, false),
});
