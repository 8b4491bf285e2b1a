import { EnvironmentSpec } from "../lib/environment/environment-spec";
import { GITOPS_REPOSITORY, GRAFANA_ADMINS_GROUP, OPERATOR_RANGES, OWNERS, PLATFORM_ADMINS_GROUP, SUBSCRIPTIONS, TENANT_ID } from "./shared";

/** Development: one small node per pool, no zones, Free AKS tier, alerts do not page. */
export const dev: EnvironmentSpec = {
  name: "dev",
  location: "westeurope",
  tier: "dev",
  addressSpace: "10.10.0.0/16",
  cluster: {
    kubernetesVersion: "1.33",
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP],
    apiServerAuthorizedIpRanges: OPERATOR_RANGES,
  },
  sync: "flux",
  gitops: { url: GITOPS_REPOSITORY, branch: "main" },
  owners: OWNERS,
  tags: { "cost-center": "platform-dev" },
  monitoring: { emailReceivers: ["platform-dev@contoso.com"], grafanaAdminGroupObjectId: GRAFANA_ADMINS_GROUP },
  delivery: { tenantId: TENANT_ID, subscriptionId: SUBSCRIPTIONS.dev },
};
