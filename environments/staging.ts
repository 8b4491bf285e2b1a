import { EnvironmentSpec } from "../lib/environment/environment-spec";
import { GITOPS_REPOSITORY, GRAFANA_ADMINS_GROUP, OPERATOR_RANGES, OWNERS, PLATFORM_ADMINS_GROUP, RELEASE_APPROVERS, SUBSCRIPTIONS, TENANT_ID } from "./shared";

/** Staging: zone redundant like prod, smaller pools, promoted from dev. */
export const staging: EnvironmentSpec = {
  name: "staging",
  location: "westeurope",
  tier: "staging",
  addressSpace: "10.20.0.0/16",
  cluster: {
    kubernetesVersion: "1.33",
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP],
    apiServerAuthorizedIpRanges: OPERATOR_RANGES,
  },
  sync: "flux",
  gitops: { url: GITOPS_REPOSITORY, branch: "main" },
  owners: OWNERS,
  tags: { "cost-center": "platform-staging" },
  promotesFrom: "dev",
  monitoring: { emailReceivers: ["platform-staging@contoso.com"], grafanaAdminGroupObjectId: GRAFANA_ADMINS_GROUP },
  delivery: { tenantId: TENANT_ID, subscriptionId: SUBSCRIPTIONS.staging, approvers: RELEASE_APPROVERS },
};
