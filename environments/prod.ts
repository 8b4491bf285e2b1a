import { EnvironmentSpec } from "../lib/environment/environment-spec";
import { GITOPS_REPOSITORY, GRAFANA_ADMINS_GROUP, OPERATOR_RANGES, OWNERS, PLATFORM_ADMINS_GROUP, RELEASE_APPROVERS, SUBSCRIPTIONS, TENANT_ID } from "./shared";

/** Production: three zones, Standard AKS tier with SLA, larger pools, upgrades on Saturday night, pages on-call. */
export const prod: EnvironmentSpec = {
  name: "prod",
  location: "westeurope",
  tier: "prod",
  addressSpace: "10.30.0.0/16",
  cluster: {
    kubernetesVersion: "1.33",
    adminGroupObjectIds: [PLATFORM_ADMINS_GROUP],
    apiServerAuthorizedIpRanges: OPERATOR_RANGES,
    upgradeChannel: "patch",
    maintenanceWindow: { dayOfWeek: "Saturday", startHour: 22, durationHours: 6, utcOffset: "+00:00" },
  },
  sync: "flux",
  gitops: { url: GITOPS_REPOSITORY, branch: "main" },
  owners: OWNERS,
  tags: { "cost-center": "platform-prod", criticality: "high" },
  promotesFrom: "staging",
  zones: ["1", "2", "3"],
  monitoring: {
    emailReceivers: ["platform-oncall@contoso.com"],
    webhookReceivers: [{ name: "pagerduty", url: "https://events.pagerduty.com/integration/contoso-prod/enqueue" }],
    grafanaAdminGroupObjectId: GRAFANA_ADMINS_GROUP,
  },
  delivery: { tenantId: TENANT_ID, subscriptionId: SUBSCRIPTIONS.prod, approvers: RELEASE_APPROVERS },
};
