import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from "../../rule";
import { lookup, referrers } from "../../terraform-values";

/** Subnets Azure does not allow (or need) a network security group on. */
const EXEMPT = new Set(["GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet", "RouteServerSubnet"]);

/** GITOPS-NET-1: every subnet has a network security group. */
export const subnetNetworkSecurityGroup = defineRule({
  target: "terraform",
  id: "GITOPS-NET-1",
  checkov: "CKV2_AZURE_31",
  severity: "error",
  resourceTypes: ["azurerm_subnet"],
  what: "The subnet is associated with a network security group in the same stack.",
  why: "A network security group is where inbound traffic from the internet and between subnets is refused and logged; without one only the platform defaults apply.",
  fix: "Keep the Network default (one network security group per subnet).",
  evaluate: (resource, context) => {
    if (EXEMPT.has(String(lookup(resource.body, "name")))) return NOT_APPLICABLE;
    return referrers(context, "azurerm_subnet_network_security_group_association", "subnet_id", resource).length > 0
      ? COMPLIANT
      : nonCompliant("no azurerm_subnet_network_security_group_association refers to this subnet");
  },
});
