import { githubEnvironmentName } from "../lib/delivery/federation";
// The names the generated workflows read (`vars.*`) for the Azure login (OIDC, no secrets): never typed twice.
import { GITHUB_ENVIRONMENT_VARIABLES } from "../lib/delivery/github/actions";
import { GithubProvider } from "@cdktf/provider-github/lib/provider";
import { Annotations, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { formatProblem, throwIfProblems } from "../lib/core/validation-error";
import { githubPlanFindings } from "../lib/environment/github-plan-limits";
import { ResolvedGovernance } from "../lib/environment/governance-spec";
import { isGitHubRepository } from "../lib/environment/delivery-spec";
import { Platform, ResolvedRemoteState } from "../lib/environment/resolve-platform";
import { gitopsCodeOwners, infraCodeOwners } from "../lib/governance/code-owners";
import { CodeOwnersFile, GITHUB_PIPELINES_OUTPUT_FOLDER, GITOPS_ROOT_OUTPUT_FOLDER } from "../lib/governance/code-owners-file";
import { DeploymentEnvironment } from "../lib/governance/deployment-environment";
import { BypassIdentity, ReviewRuleset } from "../lib/governance/review-ruleset";
import { addGovernanceStateBackend } from "../lib/governance/governance-state";

/** A GitHub repository. */
export interface GitHubRepositoryRef {
  readonly owner: string;
  readonly name: string;
}

/** The client id of a pipeline identity (a token of the delivery stack). */
export interface PipelineClientId {
  readonly clientId: string;
}

/** What governance needs to know about one environment. */
export interface GovernedEnvironment {
  readonly name: string;
  /** Teams (`org/team`) that approve apply; empty: no approval (prod always has some, the spec demands it). */
  readonly approvers: readonly string[];
  readonly tenantId: string;
  readonly subscriptionId: string;
  /** The plan and apply identities of the environment, from the delivery stack. */
  readonly identities: { readonly plan: PipelineClientId; readonly apply: PipelineClientId };
}

/** Names of the GitHub environment variables the generated workflows read (`vars.*`) for the Azure login (OIDC, no secrets). */
export const AZURE_ENVIRONMENT_VARIABLES = GITHUB_ENVIRONMENT_VARIABLES;

/** Props of a `GovernanceStack`. */
export interface GovernanceStackProps {
  readonly governance: ResolvedGovernance;
  readonly infraRepository: GitHubRepositoryRef;
  readonly gitopsRepository: GitHubRepositoryRef;
  /** The identity `publish` / `rollback` push to the GitOps repository with: its only bypass actor. */
  readonly releaseIdentity: BypassIdentity;
  /** Check names of the pull-request pipeline's jobs (from `pullRequestCheckNames`). */
  readonly requiredChecks: readonly string[];
  /** The environments, in promotion order. */
  readonly environments: readonly GovernedEnvironment[];
  /**
   * Where the stack keeps its state.
   * @default - a local file at the project root, like the `state` stack
   */
  readonly remoteState?: ResolvedRemoteState;
}

/**
 * `governance`: the bootstrap stack of the review rules, applied once (and on change) by a person with admin
 * rights on both repositories, with a GitHub token in `GITHUB_TOKEN` (never in the JSON). It holds the infra
 * repository's ruleset (no bypass) and environments `<env>-plan` and `<env>`, the GitOps repository's ruleset
 * (the release identity its only bypass), and the CODEOWNERS files of both repositories (written at synth:
 * `cdktf.out/pipelines/github/.github/CODEOWNERS` for the infra repository, `cdktf.out/gitops-root/.github/CODEOWNERS`
 * published at the GitOps repository's root). GitHub plan limits are errors before any resource is created.
 */
export class GovernanceStack extends TerraformStack {
  public readonly infraRuleset: ReviewRuleset;
  public readonly gitopsRuleset: ReviewRuleset;
  public readonly infraCodeOwners: CodeOwnersFile;
  public readonly gitopsCodeOwners: CodeOwnersFile;
  /** GitHub environments by name (`<env>` and `<env>-plan`). */
  public readonly environments: Readonly<Record<string, DeploymentEnvironment>>;

  constructor(scope: Construct, props: GovernanceStackProps) {
    super(scope, "governance");
    const { governance } = props;
    const reviewers = Object.fromEntries(props.environments.map((e) => [e.name, e.approvers]));
    const findings = githubPlanFindings({ governance, reviewers, releaseIdentity: props.releaseIdentity.kind });
    throwIfProblems("governance spec", findings.errors);
    for (const warning of findings.warnings) Annotations.of(this).addWarning(formatProblem(warning));
    addGovernanceStateBackend(this, props.remoteState);
    const infraProvider = new GithubProvider(this, "github", { owner: props.infraRepository.owner });
    const sameOwner = props.gitopsRepository.owner.toLowerCase() === props.infraRepository.owner.toLowerCase();
    const gitopsProvider = sameOwner ? infraProvider : new GithubProvider(this, "github-gitops", { owner: props.gitopsRepository.owner, alias: "gitops" });

    const owners = { platformTeam: governance.platformTeam, environments: props.environments };
    this.infraCodeOwners = new CodeOwnersFile(this, "InfraCodeOwners", {
      rules: infraCodeOwners(owners),
      outputPath: `${GITHUB_PIPELINES_OUTPUT_FOLDER}/.github/CODEOWNERS`,
      source: "the platform spec (governance.platformTeam, environments' delivery.approvers)",
    });
    this.gitopsCodeOwners = new CodeOwnersFile(this, "GitOpsCodeOwners", {
      rules: gitopsCodeOwners(owners),
      outputPath: `${GITOPS_ROOT_OUTPUT_FOLDER}/.github/CODEOWNERS`,
      source: "the platform spec (governance.platformTeam, environments' delivery.approvers)",
    });
    this.infraRuleset = new ReviewRuleset(this, "InfraRuleset", {
      repository: props.infraRepository.name,
      requiredChecks: props.requiredChecks,
      requiredApprovals: governance.requiredApprovals,
      codeOwners: this.infraCodeOwners,
    });
    // The GitOps repository has no pull-request pipeline: people change it by reviewed pull request, the
    // pipeline (the release identity) pushes releases, promotions and rollbacks directly.
    this.gitopsRuleset = new ReviewRuleset(this, "GitOpsRuleset", {
      repository: props.gitopsRepository.name,
      requireStatusChecks: false,
      requiredApprovals: governance.requiredApprovals,
      codeOwners: this.gitopsCodeOwners,
      bypass: [props.releaseIdentity],
      provider: gitopsProvider,
    });
    this.environments = this.addEnvironments(props);
  }

  private addEnvironments(props: GovernanceStackProps): Record<string, DeploymentEnvironment> {
    const { governance } = props;
    const adminsCanBypass = !(governance.infraRepositoryVisibility === "public" || governance.plan === "enterprise");
    const result: Record<string, DeploymentEnvironment> = {};
    for (const env of props.environments) {
      const azure = (clientId: string): Record<string, string> => ({
        [GITHUB_ENVIRONMENT_VARIABLES.clientId]: clientId,
        [GITHUB_ENVIRONMENT_VARIABLES.tenantId]: env.tenantId,
        [GITHUB_ENVIRONMENT_VARIABLES.subscriptionId]: env.subscriptionId,
      });
      const plan = githubEnvironmentName(env.name, "plan");
      const apply = githubEnvironmentName(env.name, "apply");
      // Pull requests plan from their own (unprotected) branches, so the plan environment cannot be limited to
      // protected branches; its identity can only read (see docs/governance.md).
      result[plan] = new DeploymentEnvironment(this, `Environment-${plan}`, {
        repository: props.infraRepository.name,
        owner: props.infraRepository.owner,
        name: plan,
        protectedBranchesOnly: false,
        adminsCanBypass,
        variables: azure(env.identities.plan.clientId),
      });
      result[apply] = new DeploymentEnvironment(this, `Environment-${apply}`, {
        repository: props.infraRepository.name,
        owner: props.infraRepository.owner,
        name: apply,
        reviewers: env.approvers,
        adminsCanBypass,
        variables: azure(env.identities.apply.clientId),
      });
    }
    return result;
  }
}

/** The pipeline identities of each environment, as the `delivery` stack exposes them. */
export type PipelineIdentitiesByEnvironment = Readonly<Record<string, { readonly plan: PipelineClientId; readonly apply: PipelineClientId }>>;

/**
 * The props of the GitHub `governance` stack from a validated platform with GitHub delivery and governance, the
 * delivery stack's identities (cross-stack references) and the pull-request workflow's check names.
 */
export function governanceStackProps(platform: Platform, identities: PipelineIdentitiesByEnvironment, requiredChecks: readonly string[]): GovernanceStackProps {
  const { delivery, governance } = platform;
  if (!delivery || !governance || !isGitHubRepository(delivery.infraRepository) || !isGitHubRepository(delivery.gitopsRepository)) {
    throw new Error("governance: the platform has no governance, or no github delivery settings; set platform governance and delivery with ci github");
  }
  const credential = delivery.gitopsPushCredential;
  return {
    governance,
    infraRepository: delivery.infraRepository,
    gitopsRepository: delivery.gitopsRepository,
    releaseIdentity: credential.kind === "github-app" ? { kind: "github-app", appId: credential.appId } : { kind: "deploy-key" },
    requiredChecks,
    remoteState: platform.remoteState,
    environments: platform.environments.map((env) => ({
      name: env.name,
      approvers: delivery.environments[env.name].approvers ?? [],
      tenantId: delivery.environments[env.name].tenantId,
      subscriptionId: delivery.environments[env.name].subscriptionId,
      identities: identities[env.name],
    })),
  };
}
