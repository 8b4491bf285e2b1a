import { AppSpec } from "../../lib/apps/app-spec";
import { EnvironmentSpec, PlatformSpec } from "../../lib/environment/environment-spec";

/**
 * A platform whose pipelines run in Azure DevOps: the infra repository is in Azure Repos, the pipelines sign in
 * to Azure through workload identity federation service connections (`fabrikam-<env>-plan` / `-apply`, created by
 * hand after the delivery stack, see docs/delivery.md), and releases are pushed to a GitOps repository on GitHub
 * with a deploy key held as a secret pipeline variable. Replace the ids with your organisation's.
 */
const TENANT_ID = "6e1b3c5d-8f2a-4b7c-9d0e-3a5b7c9d1e24";
const GITOPS_REPOSITORY = "https://github.com/fabrikam/fabrikam-gitops.git";
const ADMINS = "2d4f6a8c-1e3b-4c5d-8e7f-9a0b1c2d3e46";

function environment(name: string, tier: EnvironmentSpec["tier"], addressSpace: string, subscriptionId: string, promotesFrom?: string): EnvironmentSpec {
  return {
    name,
    location: "northeurope",
    tier,
    addressSpace,
    cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: [ADMINS], apiServerAuthorizedIpRanges: ["192.0.2.0/24"] },
    gitops: { url: GITOPS_REPOSITORY },
    owners: ["platform@fabrikam.com"],
    promotesFrom,
    monitoring: tier === "prod" ? { emailReceivers: ["oncall@fabrikam.com"] } : undefined,
    delivery: { tenantId: TENANT_ID, subscriptionId, approvers: tier === "dev" ? undefined : ["[fabrikam-platform]\\Release Approvers"] },
  };
}

/** dev → prod, state in a shared storage account, pipelines and review policies in Azure DevOps. */
export const azureDevOpsPlatform: PlatformSpec = {
  project: "fabrikam",
  environments: [
    environment("dev", "dev", "10.40.0.0/16", "7a9c1e3f-5b7d-4f9a-8c2e-4d6f8a0c2e57"),
    environment("prod", "prod", "10.50.0.0/16", "8b0d2f4a-6c8e-4a0b-9d3f-5e7a9b1d3f68", "dev"),
  ],
  remoteState: { resourceGroupName: "rg-fabrikam-tfstate", storageAccountName: "stfabrikamtfstate", location: "northeurope" },
  delivery: {
    ci: "azure-devops",
    infraRepository: { organization: "fabrikam", project: "fabrikam-platform", repository: "platform-infra" },
    gitopsRepository: { owner: "fabrikam", name: "fabrikam-gitops" },
    gitopsPushCredential: { kind: "deploy-key", privateKeySecret: "GITOPS_DEPLOY_KEY" },
    azureDevOps: { organizationId: "4c6e8a0b-2d4f-4a6c-8e0a-6f8b0d2f4a79" },
  },
  // Branch policies on the infra repository and approval checks on the environments (docs/governance.md); the
  // pull-request pipeline (azure-pipelines/pull-request.yml) is registered in Azure DevOps as "pull-request".
  governance: { platformTeam: "[fabrikam-platform]\\Platform Team", requiredApprovals: 2 },
};

/** One app, deployed through the GitOps repository. */
export const azureDevOpsApps: readonly AppSpec[] = [
  { name: "orders", image: "acrfabrikamdev.azurecr.io/orders", port: 8080, resources: { cpu: "100m", memory: "128Mi" } },
];

/** Pinned images (in a real project: environments/pins/<env>.json, rewritten by `cdktf-gitops promote`). */
export const azureDevOpsPins = {
  dev: { orders: "acrfabrikamdev.azurecr.io/orders:1.4.0@sha256:3f0a9c1e5b7d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c0e2b4d6f8a0c1e3b5d7f9a" },
  prod: { orders: "acrfabrikamdev.azurecr.io/orders:1.3.2@sha256:9e1c3a5b7d9f1b3d5e7a9c1e3b5d7f9a0c2e4b6d8f0a1c3e5b7d9f0a2c4e6b8d" },
};
