import { Problem } from "../core/validation-error";
import { GitHubPlan, RepositoryVisibility, ResolvedGovernance } from "./governance-spec";

/**
 * What GitHub's plans allow, as documented (docs.github.com: "About rulesets", "Managing environments for
 * deployment"), checked at synth so an impossible setup is an error before anyone runs `terraform apply`:
 * - rulesets: public repositories on every plan; private and internal ones need Pro, Team or Enterprise;
 * - environments (with variables and deployment branch rules) in private repositories need Pro, Team or Enterprise;
 * - required reviewers on environments of private or internal repositories need Enterprise, and so does
 *   turning off the administrators' bypass of environment protection rules;
 * - `internal` visibility exists only in Enterprise organizations.
 */

/** One finding, a problem like every other spec problem. */
export type PlanLimitFinding = Problem;

/** Errors (apply would fail or the rule would not exist) and warnings (apply works, but know this). */
export interface PlanLimitFindings {
  readonly errors: PlanLimitFinding[];
  readonly warnings: PlanLimitFinding[];
}

/** GitHub's limit on required reviewers (users and teams) per environment. */
export const MAX_ENVIRONMENT_REVIEWERS = 6;

/** What the checks need to know about the GitHub setup. */
export interface GitHubPlanInput {
  readonly governance: ResolvedGovernance;
  /** Environment name → its reviewers (teams); empty when nobody approves. */
  readonly reviewers: Readonly<Record<string, readonly string[]>>;
  /** How the release identity pushes to the GitOps repository. */
  readonly releaseIdentity: "github-app" | "deploy-key";
}

const PAID: readonly GitHubPlan[] = ["pro", "team", "enterprise"];

/** Whether the plan has the feature on a repository of this visibility. */
export function planAllows(plan: GitHubPlan, visibility: RepositoryVisibility, feature: "rulesets" | "environments" | "environment-reviewers"): boolean {
  if (visibility === "public") return true;
  if (feature === "environment-reviewers") return plan === "enterprise";
  return PAID.includes(plan);
}

/** Every plan limit the setup runs into. */
export function githubPlanFindings(input: GitHubPlanInput): PlanLimitFindings {
  const { plan, infraRepositoryVisibility: infra, gitopsRepositoryVisibility: gitops } = input.governance;
  const errors: PlanLimitFinding[] = [];
  const warnings: PlanLimitFinding[] = [];
  for (const [field, visibility] of [["infraRepositoryVisibility", infra], ["gitopsRepositoryVisibility", gitops]] as const) {
    if (visibility === "internal" && plan !== "enterprise") {
      errors.push({ path: `platform.governance.${field}`, message: `"internal" repositories exist only with github enterprise (plan is "${plan}"); use "private" or set plan "enterprise"` });
    }
    if (!planAllows(plan, visibility, "rulesets")) {
      errors.push({ path: `platform.governance.${field}`, message: `rulesets on a ${visibility} repository need a paid github plan (plan is "${plan}"); set plan to "pro", "team" or "enterprise", or make the repository public` });
    }
  }
  if (!planAllows(plan, infra, "environments")) {
    errors.push({ path: "platform.governance.plan", message: `environments in a ${infra} infra repository need github pro, team or enterprise (plan is "${plan}"); upgrade the plan or make the repository public` });
  }
  for (const [env, reviewers] of Object.entries(input.reviewers)) {
    if (reviewers.length > MAX_ENVIRONMENT_REVIEWERS) {
      errors.push({ path: `environments/${env}.delivery.approvers`, message: `${reviewers.length} approvers, github allows at most ${MAX_ENVIRONMENT_REVIEWERS} per environment; use fewer teams` });
    }
    if (reviewers.length > 0 && !planAllows(plan, infra, "environment-reviewers")) {
      errors.push({
        path: `environments/${env}.delivery.approvers`,
        message: `required reviewers on environments of a ${infra} repository need github enterprise (plan is "${plan}"); set plan "enterprise" or make the infra repository public`,
      });
    }
  }
  if (infra !== "public" && plan !== "enterprise") {
    warnings.push({ path: "platform.governance.plan", message: `on a ${infra} repository without github enterprise, repository administrators can bypass environment protection rules; keep the number of administrators small` });
  }
  if (input.releaseIdentity === "deploy-key") {
    warnings.push({ path: "platform.delivery.gitopsPushCredential", message: "a deploy key bypass lets every deploy key of the gitops repository push past the rules; keep the release key its only deploy key with write access, or use a github app" });
  }
  return { errors, warnings };
}
