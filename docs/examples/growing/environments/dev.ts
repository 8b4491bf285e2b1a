// Extracted from docs/growing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { EnvironmentSpec } from "cdktf-gitops";
import { ADMIN_GROUP, API_SERVER_RANGES, GITOPS_URL, OWNERS } from "./shared";

export const dev: EnvironmentSpec = {
  name: "dev",
  location: "westeurope",
  tier: "dev",
  addressSpace: "10.10.0.0/16",
  cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: [ADMIN_GROUP], apiServerAuthorizedIpRanges: API_SERVER_RANGES },
  sync: "flux",
  gitops: { url: GITOPS_URL, branch: "main" },
  owners: OWNERS,
};
