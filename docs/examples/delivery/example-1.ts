// Extracted from docs/delivery.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { PlatformSpec } from "cdktf-gitops";
declare const platform: PlatformSpec;
// (setup above: hidden in the document)
export const spec: PlatformSpec = {
  ...platform,
  delivery: {
    ci: "github",
    infraRepository: { owner: "contoso", name: "platform-infra" },
    gitopsRepository: { owner: "contoso", name: "platform-gitops" },
    // A GitHub App installed on the GitOps repository with contents: write; the Actions secret holds its private key.
    gitopsPushCredential: { kind: "github-app", appId: 1234567, privateKeySecret: "GITOPS_APP_PRIVATE_KEY" },
    // nodeVersion, terraformVersion and runsOn are pinned by default (DEFAULT_NODE_VERSION, ...).
  },
  environments: platform.environments.map((env) => ({
    ...env,
    delivery: {
      tenantId: "3b8e6f2a-9c4d-4e1f-a7b5-6d2c8e0f1a93",
      subscriptionId: "5d1c7a3e-2b6f-4c8d-9e0a-1f3b5d7c9e21", // one subscription per environment
      approvers: env.tier === "dev" ? [] : ["contoso/platform-team"], // prod needs at least one
    },
  })),
};
