// Extracted from docs/growing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { EnvironmentSpec } from "cdktf-gitops";
import { ADMIN_GROUP, API_SERVER_RANGES, GITOPS_URL, OWNERS } from "./shared";

/** Production: three zones, Standard AKS tier, upgrades on Saturday night, alerts page on-call. */
export const prod: EnvironmentSpec = {
  name: "prod",
  location: "westeurope",
  tier: "prod",
  addressSpace: "10.30.0.0/16",
  cluster: {
    kubernetesVersion: "1.33",
    adminGroupObjectIds: [ADMIN_GROUP],
    apiServerAuthorizedIpRanges: API_SERVER_RANGES,
    upgradeChannel: "patch",
    maintenanceWindow: { dayOfWeek: "Saturday", startHour: 22, durationHours: 6, utcOffset: "+00:00" },
  },
  sync: "flux",
  gitops: { url: GITOPS_URL, branch: "main" },
  owners: OWNERS,
  promotesFrom: "staging",
  zones: ["1", "2", "3"],
  monitoring: { emailReceivers: ["oncall@acme.example"] },
};
