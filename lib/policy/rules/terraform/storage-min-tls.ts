import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-ST-1: TLS 1.2 at least. */
export const storageMinTls = defineRule({
  target: "terraform",
  id: "GITOPS-ST-1",
  checkov: "CKV_AZURE_44",
  severity: "error",
  resourceTypes: ["azurerm_storage_account"],
  what: "The storage account refuses TLS versions before 1.2.",
  why: "TLS 1.0 and 1.1 have known weaknesses; Terraform state holds every secret Terraform has seen.",
  fix: "Keep the RemoteStateStorage default (min_tls_version = TLS1_2).",
  evaluate: (resource) => expectEquals(resource.body, "min_tls_version", "TLS1_2", "TLS1_2"),
});
