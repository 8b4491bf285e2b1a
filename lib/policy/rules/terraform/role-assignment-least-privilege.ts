import { COMPLIANT, defineRule, nonCompliant, unresolved } from "../../rule";
import { hasExpression, lookup } from "../../terraform-values";

/** Built-in roles that can grant themselves or others anything, by name and by role definition GUID. */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  Owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
};

function privilegedRole(resource: { body: Readonly<Record<string, unknown>> }): string | undefined | { expression: unknown } {
  const name = lookup(resource.body, "role_definition_name");
  const id = lookup(resource.body, "role_definition_id");
  if (hasExpression(name)) return { expression: name };
  if (typeof name === "string") return name in PRIVILEGED_ROLES ? name : undefined;
  // The role is the id's last segment; the scope before it may be an expression (a subscription data source).
  const guid = typeof id === "string" ? /\/roleDefinitions\/([0-9a-fA-F-]{36})$/.exec(id)?.[1]?.toLowerCase() : undefined;
  if (guid === undefined && hasExpression(id)) return { expression: id };
  return Object.keys(PRIVILEGED_ROLES).find((role) => PRIVILEGED_ROLES[role] === guid);
}

/** GITOPS-IAM-1: no unconstrained role that can hand out access. */
export const roleAssignmentLeastPrivilege = defineRule({
  target: "terraform",
  id: "GITOPS-IAM-1",
  severity: "warning",
  resourceTypes: ["azurerm_role_assignment"],
  what: `The role assignment is not one of the roles that manage access (${Object.keys(PRIVILEGED_ROLES).join(", ")}), unless a condition constrains which roles it may assign.`,
  why: "A principal that can assign any role can make itself anything; workloads get narrow roles, and delegation is constrained by an ABAC condition.",
  fix: "Assign the narrowest role (AcrPull, Key Vault Secrets User, ...), or add a condition limiting the roles and principal types it may assign.",
  evaluate: (resource) => {
    const role = privilegedRole(resource);
    if (role === undefined) {
      return lookup(resource.body, "role_definition_name") === undefined && lookup(resource.body, "role_definition_id") === undefined ? nonCompliant("no role is set") : COMPLIANT;
    }
    if (typeof role === "object") return unresolved(`the role ${JSON.stringify(role.expression)} is known only at apply time`);
    const condition = lookup(resource.body, "condition");
    if (typeof condition === "string" && condition.includes("Microsoft.Authorization/roleAssignments")) return COMPLIANT;
    return nonCompliant(`role "${role}" can grant any role to anyone (no condition constrains it)`);
  },
});
