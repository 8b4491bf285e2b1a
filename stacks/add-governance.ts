import { App, TerraformStack } from "cdktf";
import { isGitHubRepository } from "../lib/environment/delivery-spec";
import { Platform } from "../lib/environment/resolve-platform";
import { AzureDevOpsGovernanceStack } from "./azure-devops-governance-stack";
import type { DeliveryStack } from "./delivery-stack";
import type { GovernanceStack } from "./governance-stack";

/**
 * Adds the Azure DevOps `governance` stack of a platform whose delivery runs on Azure DevOps (after `delivery`, so
 * its files are written after the pipelines'). Returns undefined without governance or with GitHub delivery.
 */
export function addAzureDevOpsGovernance(app: App, platform: Platform, after: readonly TerraformStack[]): AzureDevOpsGovernanceStack | undefined {
  const { delivery, governance } = platform;
  if (!delivery || !governance || delivery.ci !== "azure-devops" || isGitHubRepository(delivery.infraRepository)) return undefined;
  const infra = delivery.infraRepository;
  const stack = new AzureDevOpsGovernanceStack(app, {
    governance,
    orgServiceUrl: `https://dev.azure.com/${infra.organization}`,
    project: infra.project,
    infraRepository: infra.repository,
    pullRequestPipeline: { name: governance.pullRequestPipelineName },
    remoteState: platform.remoteState,
    environments: platform.environments.map((env) => ({
      name: env.name,
      approvers: delivery.environments[env.name].approvers ?? [],
    })),
  });
  for (const other of after) stack.addDependency(other);
  return stack;
}

/**
 * Adds the GitHub `governance` stack of a platform whose delivery runs on GitHub Actions, after `delivery` (whose
 * identities it reads, and whose pipeline files are written before its CODEOWNERS). The stack's module (and with it
 * the optional peer @cdktf/provider-github) is loaded only here. Returns undefined without governance or with
 * Azure DevOps delivery.
 */
export function addGitHubGovernance(app: App, platform: Platform, delivery: DeliveryStack, requiredChecks: readonly string[]): GovernanceStack | undefined {
  if (!platform.governance || platform.delivery?.ci !== "github") return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const github = require("./governance-stack") as typeof import("./governance-stack");
  const stack = new github.GovernanceStack(app, github.governanceStackProps(platform, delivery.identities, requiredChecks));
  stack.addDependency(delivery);
  return stack;
}
