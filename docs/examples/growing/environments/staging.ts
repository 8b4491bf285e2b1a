// Extracted from docs/growing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { EnvironmentSpec } from "cdktf-gitops";
import { ADMIN_GROUP, API_SERVER_RANGES, GITOPS_URL, OWNERS } from "./shared";

/** Staging: zone redundant like prod, smaller pools, promoted from dev. */
export const staging: EnvironmentSpec = {
  name: "staging",
  location: "westeurope",
  tier: "staging",
  addressSpace: "10.20.0.0/16",
  cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: [ADMIN_GROUP], apiServerAuthorizedIpRanges: API_SERVER_RANGES },
  sync: "flux",
  gitops: { url: GITOPS_URL, branch: "main" },
  owners: OWNERS,
  promotesFrom: "dev",
};
