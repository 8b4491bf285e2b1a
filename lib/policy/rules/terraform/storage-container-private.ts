import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-ST-9: private containers. */
export const storageContainerPrivate = defineRule({
  target: "terraform",
  id: "GITOPS-ST-9",
  checkov: "CKV_AZURE_34",
  severity: "error",
  resourceTypes: ["azurerm_storage_container"],
  what: "The blob container's access level is private.",
  why: "A blob or container access level lets anyone with the URL read the blobs, without any credential.",
  fix: "Keep the default (container_access_type = private).",
  evaluate: (resource) => expectEquals(resource.body, "container_access_type", "private", "private"),
});
