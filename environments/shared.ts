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
