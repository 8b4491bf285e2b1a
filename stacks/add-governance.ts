import { App, TerraformStack } from "cdktf";
import { isGitHubRepository } from "../lib/environment/delivery-spec";
import { Platform } from "../lib/environment/resolve-platform";
import { AzureDevOpsGovernanceStack } from "./azure-devops-governance-stack";

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
