// Governance constructs that need only cdktf. The GitHub constructs (`review-ruleset`, `deployment-environment`)
// need the optional peer @cdktf/provider-github and are imported by their own path, so the package entry loads
// without it: `cdktf-gitops/dist/lib/governance/review-ruleset`.
export * from "./code-owners";
export * from "./code-owners-file";
export * from "./azure-devops-branch-review";
export * from "./azure-devops-environment-approval";
export * from "./azure-devops/azure-devops-provider";
export * from "./azure-devops/azure-devops-element";
export * from "./azure-devops/terraform-attributes";
export * from "./azure-devops/branch-policy-scope";
export * from "./azure-devops/branch-policy";
export * from "./azure-devops/branch-policy-min-reviewers";
export * from "./azure-devops/branch-policy-build-validation";
export * from "./azure-devops/branch-policy-auto-reviewers";
export * from "./azure-devops/azure-devops-environment";
export * from "./azure-devops/check-approval";
export * from "./azure-devops/data-azure-devops-project";
export * from "./azure-devops/data-azure-devops-git-repository";
export * from "./azure-devops/data-azure-devops-group";
export * from "./azure-devops/data-azure-devops-build-definition";
export * from "./governance-state";
