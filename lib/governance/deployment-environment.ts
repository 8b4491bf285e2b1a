import { ActionsEnvironmentVariable } from "@cdktf/provider-github/lib/actions-environment-variable";
import { DataGithubTeam } from "@cdktf/provider-github/lib/data-github-team";
import { RepositoryEnvironment } from "@cdktf/provider-github/lib/repository-environment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../core/validation-error";
import { MAX_ENVIRONMENT_REVIEWERS } from "../environment/github-plan-limits";

/** Props of a `DeploymentEnvironment`. */
export interface DeploymentEnvironmentProps {
  /** Name of the repository (without its owner). */
  readonly repository: string;
  /** The owner (organization) of the repository: reviewer teams must belong to it. */
  readonly owner: string;
  /** The GitHub environment name, e.g. `prod` or `prod-plan`. */
  readonly name: string;
  /**
   * Teams (`org/team`) of which one member must approve each job that uses the environment (at most 6).
   * @default - none: jobs run without approval
   */
  readonly reviewers?: readonly string[];
  /**
   * Stop the person who started a run from approving it (applies with reviewers).
   * @default true
   */
  readonly preventSelfReview?: boolean;
  /**
   * Only protected branches may deploy to the environment. Off for the plan environments that pull requests use.
   * @default true
   */
  readonly protectedBranchesOnly?: boolean;
  /**
   * Let repository administrators bypass the environment's protection rules. GitHub only lets this be turned off
   * on public repositories or with GitHub Enterprise.
   * @default false
   */
  readonly adminsCanBypass?: boolean;
  /**
   * Environment variables (not secrets), name → value; values may be references to other stacks.
   * @default - none
   */
  readonly variables?: Readonly<Record<string, string>>;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TEAM = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9._-]*)$/;
const ENVIRONMENT_NAME = /^[A-Za-z0-9._-]{1,255}$/;

/**
 * A GitHub environment of the infra repository: required reviewer teams (looked up by slug), self-review
 * prevented, deployment from protected branches only, administrators' bypass off, and its variables.
 */
export class DeploymentEnvironment extends Construct {
  /** The environment resource. */
  public readonly resource: RepositoryEnvironment;
  /** The environment name. */
  public readonly name: string;
  /** The variables, by name. */
  public readonly variables: Readonly<Record<string, ActionsEnvironmentVariable>>;

  constructor(scope: Construct, id: string, props: DeploymentEnvironmentProps) {
    super(scope, id);
    const reviewers = props.reviewers ?? [];
    const problems = environmentProblems(this.node.path, props, reviewers);
    throwIfProblems("github environment", problems);
    this.name = props.name;
    const teams = reviewers.map((slug, i) => new DataGithubTeam(this, `Reviewer${i}`, { slug: TEAM.exec(slug)![2], summaryOnly: true }));
    this.resource = new RepositoryEnvironment(this, "Resource", {
      repository: props.repository,
      environment: props.name,
      canAdminsBypass: props.adminsCanBypass ?? false,
      preventSelfReview: teams.length > 0 ? (props.preventSelfReview ?? true) : undefined,
      reviewers: teams.length > 0 ? [{ teams: teams.map((team) => Token.asNumber(team.id)) }] : undefined,
      deploymentBranchPolicy: (props.protectedBranchesOnly ?? true) ? { protectedBranches: true, customBranchPolicies: false } : undefined,
    });
    const variables: Record<string, ActionsEnvironmentVariable> = {};
    for (const name of Object.keys(props.variables ?? {}).sort()) {
      variables[name] = new ActionsEnvironmentVariable(this, name, {
        repository: props.repository,
        environment: this.resource.environment,
        variableName: name,
        value: props.variables![name],
      });
    }
    this.variables = variables;
  }
}

function environmentProblems(where: string, props: DeploymentEnvironmentProps, reviewers: readonly string[]): string[] {
  const problems: string[] = [];
  if (!ENVIRONMENT_NAME.test(props.name)) problems.push(`${where}: environment name "${props.name}" is not valid; use 1-255 letters, digits, ".", "-" or "_"`);
  if (reviewers.length > MAX_ENVIRONMENT_REVIEWERS) {
    problems.push(`${where}: ${reviewers.length} reviewers, github allows at most ${MAX_ENVIRONMENT_REVIEWERS}; use fewer teams`);
  }
  for (const slug of reviewers) {
    const match = TEAM.exec(slug);
    if (!match) problems.push(`${where}: reviewer "${slug}" is not a team slug; use "org/team"`);
    else if (match[1].toLowerCase() !== props.owner.toLowerCase()) {
      problems.push(`${where}: reviewer team "${slug}" is not in the repository's organization "${props.owner}"; use a team of "${props.owner}"`);
    }
  }
  if (new Set(reviewers).size !== reviewers.length) problems.push(`${where}: a reviewer team is listed twice; list each team once`);
  for (const name of Object.keys(props.variables ?? {})) {
    if (!VARIABLE_NAME.test(name) || /^GITHUB_/i.test(name)) {
      problems.push(`${where}: variable name "${name}" is not valid; use letters, digits and "_", not starting with a digit or "GITHUB_"`);
    }
  }
  return problems;
}
