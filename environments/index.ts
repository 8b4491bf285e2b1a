import { PlatformSpec } from "../lib/environment/environment-spec";
import { dev } from "./dev";
import { prod } from "./prod";
import { PLATFORM_TEAM } from "./shared";
import { staging } from "./staging";

export { referenceApps, referencePins } from "./apps";

/** The reference platform: dev → staging → prod in West Europe, state in a shared storage account. */
export const referencePlatform: PlatformSpec = {
  project: "contoso",
  environments: [dev, staging, prod],
  remoteState: {
    resourceGroupName: "rg-contoso-tfstate",
    storageAccountName: "stcontosotfstate",
    location: "westeurope",
  },
  delivery: {
    ci: "github",
    infraRepository: { owner: "contoso", name: "platform-infra" },
    gitopsRepository: { owner: "contoso", name: "platform-gitops" },
    // A GitHub App installed on the GitOps repository with contents: write; its private key is the Actions secret below.
    gitopsPushCredential: { kind: "github-app", appId: 1234567, privateKeySecret: "GITOPS_APP_PRIVATE_KEY" },
  },
  // Commit statuses on the GitOps repository and automatic rollback requests to the infra repository
  // (docs/feedback.md). The tokens are the Key Vault secrets github-status-token and github-dispatch-token of each
  // environment's vault; an environment on Argo CD would also need statusApp (a GitHub App).
  feedback: {},
  // Review rules for both repositories (docs/governance.md): the governance bootstrap stack and CODEOWNERS.
  // Required reviewers on environments of private repositories need GitHub Enterprise.
  governance: { plan: "enterprise", platformTeam: PLATFORM_TEAM },
};
