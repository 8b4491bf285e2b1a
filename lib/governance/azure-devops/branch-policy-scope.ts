import { Token } from "cdktf";
import { AttributeBlock } from "./terraform-attributes";

/** Which repositories and branches a branch policy applies to (the `scope` block of every branch policy). */
export interface BranchPolicyScope {
  /**
   * The repository id; leave out for `DefaultBranch` across the project.
   * @default - every repository of the project
   */
  readonly repositoryId?: string;
  /**
   * The ref: `refs/heads/main` for `Exact`, `refs/heads/releases` for `Prefix`; none for `DefaultBranch`.
   * @default - none
   */
  readonly repositoryRef?: string;
  /**
   * `Exact`, `Prefix` or `DefaultBranch`.
   * @default "Exact"
   */
  readonly matchType?: "Exact" | "Prefix" | "DefaultBranch";
}

/** The arguments of a scope block. */
export function scopeArguments(scope: BranchPolicyScope): AttributeBlock {
  return { repository_id: scope.repositoryId, repository_ref: scope.repositoryRef, match_type: scope.matchType };
}

/** The provider's documented rules for scope blocks, as problems naming `where`. */
export function scopeProblems(where: string, scopes: readonly BranchPolicyScope[]): string[] {
  const problems: string[] = [];
  if (scopes.length === 0) problems.push(`${where}: scope is empty; give at least one scope`);
  for (const scope of scopes) {
    const type = scope.matchType ?? "Exact";
    if (type === "DefaultBranch") {
      if (scope.repositoryRef !== undefined || scope.repositoryId !== undefined) {
        problems.push(`${where}: a DefaultBranch scope takes no repositoryId or repositoryRef (it covers every repository of the project); use an Exact scope for one repository`);
      }
      continue;
    }
    const ref = scope.repositoryRef;
    if (ref === undefined || (!Token.isUnresolved(ref) && !ref.startsWith("refs/"))) {
      problems.push(`${where}: ${type === "Exact" ? 'an Exact scope has no qualified repositoryRef; set one such as "refs/heads/main"' : 'a Prefix scope has no ref path; set repositoryRef to one such as "refs/heads/releases"'}`);
    }
  }
  return problems;
}
