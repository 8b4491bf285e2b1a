import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-ACR-2: no anonymous pulls. */
export const registryAnonymousPullDisabled = defineRule({
  target: "terraform",
  id: "GITOPS-ACR-2",
  checkov: "CKV_AZURE_138",
  severity: "error",
  resourceTypes: ["azurerm_container_registry"],
  what: "The container registry refuses anonymous pulls.",
  why: "Anonymous pull publishes every image, with whatever it contains, to anyone who can reach the registry.",
  fix: "Keep the ContainerRegistry default (anonymous_pull_enabled = false).",
  evaluate: (resource) => expectEquals(resource.body, "anonymous_pull_enabled", false, false),
});
