import { isGitHubRepository } from "./delivery-spec";
import { PlatformSpec } from "./environment-spec";
import { githubPlanFindings } from "./github-plan-limits";
import { governanceSpecProblems, resolveGovernance } from "./governance-spec";

const GITHUB_TEAM = /^([A-Za-z0-9][A-Za-z0-9-]*)\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The problems of `PlatformSpec.governance`: its shape, that it has the delivery settings it governs (the
 * repositories, the release identity, the approvers), GitHub team slugs of the infra repository's organization, and
 * the GitHub plan limits (errors only; warnings are reported by the governance stack at synth).
 */
export function governanceProblems(spec: PlatformSpec): string[] {
  if (spec.governance === undefined) return [];
  const shape = governanceSpecProblems(spec.governance);
  if (shape.length > 0) return shape;
  const delivery = spec.delivery;
  if (delivery === undefined) {
    return ["platform.governance: needs the platform's delivery settings (repositories, release identity, approvers); set platform delivery or remove governance"];
  }
  if (delivery.ci !== "github" || !isGitHubRepository(delivery.infraRepository)) return [];
  const governance = resolveGovernance(spec.governance);
  const owner = delivery.infraRepository.owner.toLowerCase();
  const problems: string[] = [];
  const team = GITHUB_TEAM.exec(governance.platformTeam);
  if (!team) problems.push(`platform.governance.platformTeam: "${governance.platformTeam}" is not a github team slug; use "org/team"`);
  else if (team[1].toLowerCase() !== owner) {
    problems.push(`platform.governance.platformTeam: team "${governance.platformTeam}" is not in the infra repository's organization "${delivery.infraRepository.owner}"; use a team of that organization`);
  }
  const reviewers: Record<string, readonly string[]> = {};
  for (const env of spec.environments) {
    const approvers = env.delivery?.approvers ?? [];
    reviewers[env.name] = approvers;
    for (const approver of approvers) {
      const match = GITHUB_TEAM.exec(approver);
      if (match && match[1].toLowerCase() !== owner) {
        problems.push(`environments/${env.name}.delivery.approvers: team "${approver}" is not in the infra repository's organization "${delivery.infraRepository.owner}"; github environments take teams of that organization`);
      }
    }
  }
  const findings = githubPlanFindings({ governance, reviewers, releaseIdentity: delivery.gitopsPushCredential.kind });
  return [...problems, ...findings.errors.map((f) => `${f.path}: ${f.message}`)];
}
