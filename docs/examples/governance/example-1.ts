// Extracted from docs/governance.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { PlatformSpec } from "cdktf-gitops";
declare const referencePlatform: PlatformSpec; // with delivery: ci "github", the two repositories, the push credential
// (setup above: hidden in the document)
export const governed: PlatformSpec = {
  ...referencePlatform,
  governance: {
    plan: "enterprise", //                  free | pro | team | enterprise (default "free": the strictest)
    infraRepositoryVisibility: "private", // public | private | internal (default "private")
    gitopsRepositoryVisibility: "private",
    requiredApprovals: 2, //                1-10 (default 1)
    platformTeam: "contoso/platform", //    GitHub team slug, or Azure DevOps group name
  },
};
