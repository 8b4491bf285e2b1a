/** Values the reference environments share. Replace them with your organisation's. */

/** Azure AD group of the platform team: cluster admins everywhere. */
export const PLATFORM_ADMINS_GROUP = "8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30";
/** Azure AD group that administers Grafana. */
export const GRAFANA_ADMINS_GROUP = "1c9e7a52-3d6b-4f20-8e4a-5b7c9d0e1f62";
/** The GitOps repository that Flux / Argo CD sync from. */
export const GITOPS_REPOSITORY = "https://github.com/contoso/platform-gitops.git";
/** Egress ranges of the CI runners and the office, allowed to reach the AKS API servers. */
export const OPERATOR_RANGES = ["203.0.113.0/24", "198.51.100.0/24"];
export const OWNERS = ["platform-team@contoso.com"];
/** Azure AD tenant of the subscriptions. */
export const TENANT_ID = "3b8e6f2a-9c4d-4e1f-a7b5-6d2c8e0f1a93";
/** One subscription per environment: the pipeline identities of an environment hold rights on its whole subscription. */
export const SUBSCRIPTIONS = {
  dev: "5d1c7a3e-2b6f-4c8d-9e0a-1f3b5d7c9e21",
  staging: "9a4e2c6b-7d1f-4e3a-8b5c-0d2f4a6c8e43",
  prod: "c7f3a1d5-4e9b-4a2c-b6d8-2e4a6c8f0b65",
};
/** GitHub teams that approve apply (the `<env>` GitHub environments' required reviewers). */
export const RELEASE_APPROVERS = ["contoso/platform-team"];
/** GitHub team of the platform team: code owner of the library, stacks and pipelines (CODEOWNERS). */
export const PLATFORM_TEAM = "contoso/platform-team";
