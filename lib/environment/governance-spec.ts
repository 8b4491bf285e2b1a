import { z } from "zod";
import { formatProblem } from "../core/validation-error";
import { schemaProblems } from "../core/schema";

/**
 * Review rules for the infra and GitOps repositories (`PlatformSpec.governance`): the plan and visibility that
 * decide which GitHub features exist, how many approvals a pull request needs, and the team that owns the
 * library and pipeline files. Who approves an environment comes from its `delivery.approvers`.
 */

/** GitHub plans, by what they allow on private repositories. */
export const GITHUB_PLANS = ["free", "pro", "team", "enterprise"] as const;
/** A GitHub plan of the account that owns the repositories. */
export type GitHubPlan = (typeof GITHUB_PLANS)[number];
/** GitHub repository visibilities (`internal` exists only in GitHub Enterprise organizations). */
export const REPOSITORY_VISIBILITIES = ["public", "private", "internal"] as const;
/** The visibility of a repository. */
export type RepositoryVisibility = (typeof REPOSITORY_VISIBILITIES)[number];

/** Approvals a pull request needs unless the spec says more. */
export const DEFAULT_REQUIRED_APPROVALS = 1;
/** GitHub accepts 0-10 required approving reviews; review is the point, so at least 1. */
export const MAX_REQUIRED_APPROVALS = 10;
/** Visibility assumed for both repositories: an infra repository is rarely public. */
export const DEFAULT_REPOSITORY_VISIBILITY: RepositoryVisibility = "private";
/** The name the Azure DevOps pull-request pipeline is registered under unless the spec says otherwise. */
export const DEFAULT_PULL_REQUEST_PIPELINE_NAME = "pull-request";
/** The plan assumed when none is given: the most limited one, so no limit is missed. */
export const DEFAULT_GITHUB_PLAN: GitHubPlan = "free";

/** A GitHub team slug `org/team` (as in CODEOWNERS without the `@`), or an Azure DevOps group name. */
const OWNER = z.string().min(1).max(256);

/** The schema of `PlatformSpec.governance`. */
export const governanceSpecSchema = z.strictObject({
  /**
   * The GitHub plan of the account that owns both repositories (ignored with Azure DevOps).
   * @default "free"
   */
  plan: z.enum(GITHUB_PLANS).optional(),
  /**
   * Visibility of the infra repository (GitHub).
   * @default "private"
   */
  infraRepositoryVisibility: z.enum(REPOSITORY_VISIBILITIES).optional(),
  /**
   * Visibility of the GitOps repository (GitHub).
   * @default "private"
   */
  gitopsRepositoryVisibility: z.enum(REPOSITORY_VISIBILITIES).optional(),
  /**
   * Approving reviews a pull request needs, 1-10.
   * @default 1
   */
  requiredApprovals: z.number().int().min(1).max(MAX_REQUIRED_APPROVALS).optional(),
  /**
   * The platform team: code owner of everything that is not an environment's own files (library, stacks,
   * pipelines, CODEOWNERS). A GitHub team slug `org/team`, or an Azure DevOps group name.
   */
  platformTeam: OWNER,
  /**
   * Azure DevOps only: the name the pull-request pipeline (`azure-pipelines/pull-request.yml`) is registered under;
   * build validation requires it.
   * @default "pull-request"
   */
  pullRequestPipelineName: z
    .string()
    .regex(/^[^\\/:*?"<>|;#$*{},+=[\]]{1,256}$/, 'use 1-256 characters without \\ / : * ? " < > | ; # $ { } , + = [ ] (azure devops refuses them in pipeline names)')
    .optional(),
});

/** `PlatformSpec.governance`, as written in the spec. */
export type GovernanceSpec = z.infer<typeof governanceSpecSchema>;

/** `GovernanceSpec` with every default applied. */
export interface ResolvedGovernance {
  readonly plan: GitHubPlan;
  readonly infraRepositoryVisibility: RepositoryVisibility;
  readonly gitopsRepositoryVisibility: RepositoryVisibility;
  readonly requiredApprovals: number;
  readonly platformTeam: string;
  readonly pullRequestPipelineName: string;
}

/** Applies the defaults of a governance spec (assumes it passed the schema). */
export function resolveGovernance(spec: GovernanceSpec): ResolvedGovernance {
  return {
    plan: spec.plan ?? DEFAULT_GITHUB_PLAN,
    infraRepositoryVisibility: spec.infraRepositoryVisibility ?? DEFAULT_REPOSITORY_VISIBILITY,
    gitopsRepositoryVisibility: spec.gitopsRepositoryVisibility ?? DEFAULT_REPOSITORY_VISIBILITY,
    requiredApprovals: spec.requiredApprovals ?? DEFAULT_REQUIRED_APPROVALS,
    platformTeam: spec.platformTeam,
    pullRequestPipelineName: spec.pullRequestPipelineName ?? DEFAULT_PULL_REQUEST_PIPELINE_NAME,
  };
}

/** The structural problems of `PlatformSpec.governance`, formatted `path: message`, under `platform.governance`. */
export function governanceSpecProblems(spec: unknown): string[] {
  const problems = schemaProblems(governanceSpecSchema, spec, "platform.governance").map(formatProblem);
  const team = (spec as { platformTeam?: unknown } | undefined)?.platformTeam;
  if (problems.length === 0 && typeof team === "string" && !/^\S(.*\S)?$/.test(team)) {
    problems.push(`platform.governance.platformTeam: "${team}" has leading or trailing spaces; remove them`);
  }
  return problems;
}
