import { AzureReposRepository, GitHubRepository, isGitHubRepository, ResolvedDelivery } from "../environment/delivery-spec";

/**
 * The one place that names what the pipelines and the Azure identities must agree on: GitHub environments,
 * Azure DevOps service connections and environments, and the federated credential subjects built from them.
 * Both the identity constructs and the pipeline generators call these functions, so they cannot drift apart.
 */

/** Issuer of GitHub Actions OIDC tokens. */
export const GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";
/** The audience Azure AD expects in federated tokens. */
export const AZURE_AD_TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

/** The two identities of an environment's pipeline. */
export type PipelineRole = "plan" | "apply";

/** GitHub environment of a role: `<env>-plan` (no approval) for plan, `<env>` (approvals) for apply. */
export function githubEnvironmentName(environment: string, role: PipelineRole): string {
  return role === "plan" ? `${environment}-plan` : environment;
}

/** The OIDC subject GitHub Actions sends for a job that runs in a GitHub environment. */
export function githubEnvironmentSubject(repository: GitHubRepository, githubEnvironment: string): string {
  return `repo:${repository.owner}/${repository.name}:environment:${githubEnvironment}`;
}

/** Azure DevOps service connection of a role: `<project>-<env>-plan` or `<project>-<env>-apply`. */
export function serviceConnectionName(project: string, environment: string, role: PipelineRole): string {
  return `${project}-${environment}-${role}`;
}

/** Azure DevOps environment the deployment jobs of a role run on: `<env>-plan` or `<env>` (approvals and checks). */
export function azureDevOpsEnvironmentName(environment: string, role: PipelineRole): string {
  return githubEnvironmentName(environment, role);
}

/** Issuer of Azure DevOps workload identity federation tokens of an organization. */
export function azureDevOpsIssuer(organizationId: string): string {
  return `https://vstoken.dev.azure.com/${organizationId}`;
}

/** The subject Azure DevOps sends for a workload identity federation service connection. */
export function azureDevOpsSubject(repository: AzureReposRepository, connection: string): string {
  return `sc://${repository.organization}/${repository.project}/${connection}`;
}

/** One federated identity credential: its name suffix, issuer and subject. */
export interface Federation {
  readonly name: string;
  readonly issuer: string;
  readonly subject: string;
}

/** The federated credential a role's identity trusts, for the platform's CI system. */
export function pipelineFederation(delivery: ResolvedDelivery, project: string, environment: string, role: PipelineRole): Federation {
  const repository = delivery.infraRepository;
  if (isGitHubRepository(repository)) {
    return { name: `github-${role}`, issuer: GITHUB_ACTIONS_ISSUER, subject: githubEnvironmentSubject(repository, githubEnvironmentName(environment, role)) };
  }
  return {
    name: `azure-devops-${role}`,
    issuer: azureDevOpsIssuer(delivery.azureDevOps!.organizationId),
    subject: azureDevOpsSubject(repository, serviceConnectionName(project, environment, role)),
  };
}
