import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-NET-2: no implicit outbound internet access. */
export const subnetDefaultOutbound = defineRule({
  target: "terraform",
  id: "GITOPS-NET-2",
  severity: "warning",
  resourceTypes: ["azurerm_subnet"],
  what: "The subnet has default outbound access disabled (egress only through an explicit path).",
  why: "Default outbound access gives every VM an implicit, unowned public IP for egress that Azure is retiring.",
  fix: "Keep the Network default (default_outbound_access_enabled = false).",
  evaluate: (resource) => expectEquals(resource.body, "default_outbound_access_enabled", false, true),
});
