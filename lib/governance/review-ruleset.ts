import { RepositoryRuleset, RepositoryRulesetBypassActors } from "@cdktf/provider-github/lib/repository-ruleset";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../core/validation-error";
import { DEFAULT_REQUIRED_APPROVALS, MAX_REQUIRED_APPROVALS } from "../environment/governance-spec";
import { ICodeOwners } from "./code-owners";

/**
 * The identity that may push to a protected branch without a pull request: the GitHub App (by app id) or the
 * deploy key that the pipeline's `publish` / `rollback` use. GitHub's ruleset bypass actor types are
 * `Integration` (a GitHub App, `actor_id` = app id) and `DeployKey` (every deploy key, no id).
 */
export type BypassIdentity = { readonly kind: "github-app"; readonly appId: number } | { readonly kind: "deploy-key" };

/** The GitHub Actions app's id: a required check posted by anything else (another app, a token) does not count. */
export const GITHUB_ACTIONS_INTEGRATION_ID = 15368;

/** Props of a `ReviewRuleset`. */
export interface ReviewRulesetProps {
  /** Name of the repository (without its owner; the provider's owner is used). */
  readonly repository: string;
  /**
   * Status checks that must pass before a merge: the exact check names of the pull-request pipeline's jobs.
   * @default - none (allowed only with `requireStatusChecks: false`)
   */
  readonly requiredChecks?: readonly string[];
  /**
   * Require status checks. With true, `requiredChecks` must name at least one check.
   * @default true
   */
  readonly requireStatusChecks?: boolean;
  /**
   * The GitHub App that must post the required checks; `undefined` accepts a check of that name from any source.
   * @default GITHUB_ACTIONS_INTEGRATION_ID (the checks are the generated workflows' jobs)
   */
  readonly checksIntegrationId?: number | undefined;
  /**
   * Approving reviews a pull request needs (1-10).
   * @default 1
   */
  readonly requiredApprovals?: number;
  /**
   * Require a review by a code owner. Needs `codeOwners`: without a CODEOWNERS file the rule blocks nothing.
   * @default true
   */
  readonly requireCodeOwnerReview?: boolean;
  /**
   * The CODEOWNERS file of the repository (required while `requireCodeOwnerReview` is true).
   * @default - none
   */
  readonly codeOwners?: ICodeOwners;
  /**
   * The only identities that may bypass the rules (push without a pull request).
   * @default - none: nobody bypasses, administrators included
   */
  readonly bypass?: readonly BypassIdentity[];
  /**
   * The GitHub provider of the repository's owner.
   * @default - the stack's default github provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Name of the ruleset.
   * @default "review-required"
   */
  readonly name?: string;
}

/** Terraform would read `${` and `%{` in a check name as a template; GitHub check names may contain them. */
function literal(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/**
 * A repository ruleset on the default branch that makes a reviewed pull request the only way in: pull request
 * required, approvals (default 1), stale approvals dismissed on push, code owner review, approval of the last
 * push by someone else, all review threads resolved, required status checks posted by GitHub Actions on the
 * latest code, no force pushes, no deletion, linear history, enforcement active. Bypass actors only as given
 * (none by default).
 */
export class ReviewRuleset extends Construct {
  /** The ruleset resource. */
  public readonly resource: RepositoryRuleset;

  constructor(scope: Construct, id: string, props: ReviewRulesetProps) {
    super(scope, id);
    const approvals = props.requiredApprovals ?? DEFAULT_REQUIRED_APPROVALS;
    const requireChecks = props.requireStatusChecks ?? true;
    const requireCodeOwners = props.requireCodeOwnerReview ?? true;
    const checks = props.requiredChecks ?? [];
    const integrationId = "checksIntegrationId" in props ? props.checksIntegrationId : GITHUB_ACTIONS_INTEGRATION_ID;
    const problems = rulesetProblems(this.node.path, { ...props, approvals, requireChecks, requireCodeOwners, checks });
    throwIfProblems("repository ruleset", problems);
    this.resource = new RepositoryRuleset(this, "Resource", {
      provider: props.provider,
      repository: props.repository,
      name: props.name ?? "review-required",
      target: "branch",
      enforcement: "active",
      conditions: { refName: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      bypassActors: (props.bypass ?? []).map(bypassActor),
      rules: {
        deletion: true,
        nonFastForward: true,
        requiredLinearHistory: true,
        pullRequest: {
          requiredApprovingReviewCount: approvals,
          dismissStaleReviewsOnPush: true,
          requireCodeOwnerReview: requireCodeOwners,
          requireLastPushApproval: true,
          requiredReviewThreadResolution: true,
        },
        requiredStatusChecks: requireChecks
          ? { strictRequiredStatusChecksPolicy: true, requiredCheck: checks.map((context) => ({ context: literal(context), integrationId })) }
          : undefined,
      },
    });
  }
}

function bypassActor(identity: BypassIdentity): RepositoryRulesetBypassActors {
  // "always" (not "exempt"): the rules still run for the release identity, so every bypass is in the audit log.
  return identity.kind === "github-app"
    ? { actorType: "Integration", actorId: identity.appId, bypassMode: "always" }
    : { actorType: "DeployKey", bypassMode: "always" };
}

interface CheckedProps extends ReviewRulesetProps {
  readonly approvals: number;
  readonly requireChecks: boolean;
  readonly requireCodeOwners: boolean;
  readonly checks: readonly string[];
}

function rulesetProblems(where: string, p: CheckedProps): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(p.approvals) || p.approvals < 1 || p.approvals > MAX_REQUIRED_APPROVALS) {
    problems.push(`${where}: requiredApprovals ${p.approvals} is out of range; use a whole number from 1 to ${MAX_REQUIRED_APPROVALS}`);
  }
  if (p.requireCodeOwners && p.codeOwners === undefined) {
    problems.push(`${where}: code owner review is required but the repository has no CODEOWNERS file; pass codeOwners or set requireCodeOwnerReview to false`);
  }
  if (p.requireChecks && p.checks.length === 0) {
    problems.push(`${where}: requiredChecks is empty; pass the pull-request pipeline's check names or set requireStatusChecks to false`);
  }
  const seen = new Set<string>();
  for (const check of p.checks) {
    if (check.trim() === "") problems.push(`${where}: requiredChecks holds an empty name; remove it`);
    else if (seen.has(check)) problems.push(`${where}: check "${check}" is listed twice; list each check once`);
    seen.add(check);
  }
  const apps = new Set<number>();
  for (const identity of p.bypass ?? []) {
    if (identity.kind !== "github-app") continue;
    if (!Number.isInteger(identity.appId) || identity.appId < 1) problems.push(`${where}: bypass app id ${identity.appId} is not valid; use the github app's numeric id`);
    if (apps.has(identity.appId)) problems.push(`${where}: bypass app ${identity.appId} is listed twice; list it once`);
    apps.add(identity.appId);
  }
  if ((p.bypass ?? []).filter((b) => b.kind === "deploy-key").length > 1) problems.push(`${where}: the deploy key bypass is listed twice; list it once`);
  return problems;
}
