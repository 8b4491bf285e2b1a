// Extracted from docs/environments.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { EnvironmentSpec } from "cdktf-gitops";

export const staging: EnvironmentSpec = {
  name: "staging",
  location: "westeurope",
  tier: "staging",                       // dev | staging | prod: drives the defaults below
  addressSpace: "10.20.0.0/16",          // must not overlap another environment
  cluster: {
    kubernetesVersion: "1.33",
    adminGroupObjectIds: ["8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30"], // Azure AD group, cluster admins
    apiServerAuthorizedIpRanges: ["203.0.113.0/24"],               // or privateCluster: true
  },
  sync: "flux",                           // or "argocd": a one-line switch
  gitops: { url: "https://github.com/contoso/platform-gitops.git", branch: "main" },
  owners: ["platform-team@contoso.com"],
  promotesFrom: "dev",
  monitoring: { emailReceivers: ["platform-staging@contoso.com"] },
};
