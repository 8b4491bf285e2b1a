import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-AKS-16: the deprecated HTTP application routing add-on is off. */
export const aksHttpApplicationRouting = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-16",
  checkov: "CKV_AZURE_246",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The HTTP application routing add-on (a public DNS zone and an unhardened ingress controller) is off.",
  why: "Microsoft documents the add-on as not for production; the application routing add-on (web_app_routing) replaces it.",
  fix: "Keep the default (http_application_routing_enabled unset); apps use the application routing add-on.",
  evaluate: (resource) => expectEquals(resource.body, "http_application_routing_enabled", false, false),
});
