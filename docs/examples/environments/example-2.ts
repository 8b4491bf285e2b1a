// Extracted from docs/environments.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { EnvironmentSpec } from "cdktf-gitops";
declare const dev: EnvironmentSpec, staging: EnvironmentSpec, prod: EnvironmentSpec;
// (setup above: hidden in the document)
import { PlatformSpec } from "cdktf-gitops";

export const platform: PlatformSpec = {
  project: "contoso",                    // 2-12 lower-case letters/digits; part of every resource name
  environments: [dev, staging, prod],
  remoteState: { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" },
};
