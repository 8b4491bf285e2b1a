import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { hasExpression, lookup } from "../../terraform-values";

const BROAD = /^\/(subscriptions\/[^/]+|providers\/Microsoft\.Management\/managementGroups\/[^/]+)?\/?$/i;

/** GITOPS-IAM-2: role assignments are scoped below the subscription. */
export const roleAssignmentScope = defineRule({
  target: "terraform",
  id: "GITOPS-IAM-2",
  severity: "warning",
  resourceTypes: ["azurerm_role_assignment"],
  what: "The role assignment is scoped to a resource group or resource, not to a subscription, management group or the root.",
  why: "A broad scope extends the role to everything created there later, including other teams' resources.",
  fix: "Scope the assignment to the resource it is for (the library's constructs scope to the registry, vault or workspace).",
  evaluate: (resource) => {
    const scope = lookup(resource.body, "scope");
    if (typeof scope !== "string") return nonCompliant("no scope is set");
    // A reference to a subscription data source is a subscription scope; references to resources are narrower.
    if (hasExpression(scope)) return /\bdata\.azurerm_subscription\./.test(scope) ? nonCompliant(`scope ${scope} is a subscription`) : COMPLIANT;
    return BROAD.test(scope) ? nonCompliant(`scope "${scope}" is a subscription, management group or the root`) : COMPLIANT;
  },
});
