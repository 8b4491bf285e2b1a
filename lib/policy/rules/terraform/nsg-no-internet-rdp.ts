import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { internetOpenRules } from "../../nsg-rules";

/** GITOPS-NET-4: RDP is not open to the internet. */
export const nsgNoInternetRdp = defineRule({
  target: "terraform",
  id: "GITOPS-NET-4",
  checkov: "CKV_AZURE_9",
  severity: "error",
  resourceTypes: ["azurerm_network_security_group", "azurerm_network_security_rule"],
  what: "No inbound rule allows RDP (TCP 3389) from the internet.",
  why: "RDP exposed to the internet is one of the most attacked ports; Windows nodes are managed through the AKS API.",
  fix: "Remove the rule, or restrict its source to a management network.",
  evaluate: (resource) => {
    const open = internetOpenRules(resource, 3389);
    return open.length === 0 ? COMPLIANT : nonCompliant(`rules ${open.join(", ")} allow RDP from the internet`);
  },
});
