import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-ST-3: no anonymous blob access. */
export const storageNoPublicBlobs = defineRule({
  target: "terraform",
  id: "GITOPS-ST-3",
  checkov: "CKV_AZURE_190",
  severity: "error",
  resourceTypes: ["azurerm_storage_account"],
  what: "The storage account forbids anonymous (public) access to containers and blobs.",
  why: "One container set to public by mistake publishes its blobs, such as Terraform state, to the internet.",
  fix: "Keep the RemoteStateStorage default (allow_nested_items_to_be_public = false).",
  evaluate: (resource) => expectEquals(resource.body, "allow_nested_items_to_be_public", false, true),
});
