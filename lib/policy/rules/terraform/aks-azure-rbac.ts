import { defineRule } from "../../rule";
import { allOf, expectEquals } from "../../terraform-values";

/** GITOPS-AKS-2: Kubernetes RBAC with Azure AD and Azure RBAC. */
export const aksAzureRbac = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-2",
  checkov: "CKV_AZURE_5",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS cluster has Kubernetes RBAC on, integrated with Azure AD, with Azure RBAC for Kubernetes authorization.",
  why: "Without RBAC every authenticated identity is cluster admin; Azure RBAC keeps cluster permissions in the same reviewed role assignments as the rest of Azure.",
  fix: "Keep the AksCluster defaults (role_based_access_control_enabled and azure_active_directory_role_based_access_control.azure_rbac_enabled).",
  evaluate: (resource) =>
    allOf(
      expectEquals(resource.body, "role_based_access_control_enabled", true, true),
      expectEquals(resource.body, "azure_active_directory_role_based_access_control.azure_rbac_enabled", true),
    ),
});
