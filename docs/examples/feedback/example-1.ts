// Extracted from docs/feedback.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { PlatformSpec } from "cdktf-gitops";
declare const base: PlatformSpec;
// (setup above: hidden in the document)
export const platform: PlatformSpec = {
  ...base, // project, environments, remote state
  delivery: {
    ci: "github",
    infraRepository: { owner: "contoso", name: "platform-infra" },
    gitopsRepository: { owner: "contoso", name: "platform-gitops" },
    gitopsPushCredential: { kind: "github-app", appId: 1234567, privateKeySecret: "GITOPS_APP_PRIVATE_KEY" },
  },
  feedback: {
    statusTokenSecret: "github-status-token", // the default: Key Vault secret for Flux's commit statuses
    dispatchTokenSecret: "github-dispatch-token", // the default: Key Vault secret for the rollback dispatch
    automaticRollback: true, // the default
    // only needed when an environment syncs with Argo CD
    statusApp: { appId: 1234568, installationId: 45678901, privateKeySecret: "github-status-app-private-key" },
  },
};
