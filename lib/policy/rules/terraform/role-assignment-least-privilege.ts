import { COMPLIANT, defineRule, nonCompliant, unresolved } from "../../rule";
import { hasExpression, lookup } from "../../terraform-values";

/** Built-in roles that can grant themselves or others anything. */
export const PRIVILEGED_ROLES: readonly string[] = ["Owner", "User Access Administrator", "Role Based Access Control Administrator"];

/** GITOPS-IAM-1: no role that can hand out access. */
export const roleAssignmentLeastPrivilege = defineRule({
  target: "terraform",
  id: "GITOPS-IAM-1",
  severity: "warning",
  resourceTypes: ["azurerm_role_assignment"],
  what: `The role assignment is not one of the roles that manage access (${PRIVILEGED_ROLES.join(", ")}).`,
  why: "A principal that can assign roles can make itself anything; these belong to people through Privileged Identity Management, not to workloads.",
  fix: "Assign the narrowest data-plane or resource role (AcrPull, Key Vault Secrets User, ...); suppress with the reason where a bootstrap identity truly needs it.",
  evaluate: (resource) => {
    const role = lookup(resource.body, "role_definition_name");
    if (role === undefined) return lookup(resource.body, "role_definition_id") === undefined ? nonCompliant("no role is set") : unresolved("the role is given by id; check it by name");
    if (hasExpression(role)) return unresolved(`role_definition_name is ${JSON.stringify(role)}, known only at apply time`);
    return PRIVILEGED_ROLES.includes(String(role)) ? nonCompliant(`role "${String(role)}" can grant access to others`) : COMPLIANT;
  },
});
