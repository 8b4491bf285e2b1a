import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { internetOpenRules } from "../../nsg-rules";

/** GITOPS-NET-3: SSH is not open to the internet. */
export const nsgNoInternetSsh = defineRule({
  target: "terraform",
  id: "GITOPS-NET-3",
  checkov: "CKV_AZURE_10",
  severity: "error",
  resourceTypes: ["azurerm_network_security_group", "azurerm_network_security_rule"],
  what: "No inbound rule allows SSH (TCP 22) from the internet.",
  why: "Nodes are managed through the AKS API; an SSH port open to the internet is only an attack surface.",
  fix: "Remove the rule, or restrict its source to a management network.",
  evaluate: (resource) => {
    const open = internetOpenRules(resource, 22);
    return open.length === 0 ? COMPLIANT : nonCompliant(`rules ${open.join(", ")} allow SSH from the internet`);
  },
});
