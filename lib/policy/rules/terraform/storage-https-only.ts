import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-ST-2: HTTPS only. */
export const storageHttpsOnly = defineRule({
  target: "terraform",
  id: "GITOPS-ST-2",
  checkov: "CKV_AZURE_3",
  severity: "error",
  resourceTypes: ["azurerm_storage_account"],
  what: "The storage account accepts HTTPS only (secure transfer required).",
  why: "Plain HTTP exposes the data and the bearer tokens of every request on the wire.",
  fix: "Keep the RemoteStateStorage default (https_traffic_only_enabled = true).",
  evaluate: (resource) => expectEquals(resource.body, "https_traffic_only_enabled", true, true),
});
