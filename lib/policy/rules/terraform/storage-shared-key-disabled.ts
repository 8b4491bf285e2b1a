import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-ST-5: Azure AD only, no account keys. */
export const storageSharedKeyDisabled = defineRule({
  target: "terraform",
  id: "GITOPS-ST-5",
  checkov: "CKV2_AZURE_40",
  severity: "error",
  resourceTypes: ["azurerm_storage_account"],
  what: "The storage account refuses shared key (account key and SAS) authorization.",
  why: "An account key is a password to all data that never expires and is not tied to an identity; Azure AD tokens are.",
  fix: "Keep the RemoteStateStorage default (shared_access_key_enabled = false; the backend uses Azure AD).",
  evaluate: (resource) => expectEquals(resource.body, "shared_access_key_enabled", false, true),
});
