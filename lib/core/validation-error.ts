/** One problem of an input: where it is (`dev/apps/web`, `platform.environments[0].cluster`) and what is wrong. */
export interface Problem {
  /** Where the problem is, e.g. `dev/apps/web` or `environments/dev.cluster.kubernetesVersion`. */
  readonly path: string;
  /** What is wrong and the fix, in lower case: `image "web:latest" is not pinned; use ...@sha256:<digest>`. */
  readonly message: string;
}

/** Formats a problem the house way: `where: what is wrong; fix`. */
export function formatProblem(problem: Problem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/**
 * Thrown when an input is invalid; it holds every problem found (never only the first), and its message lists
 * them one a line under a one-line header. `subject` names the input (`platform spec`, `app spec`).
 */
export class ValidationError extends Error {
  /** Every problem, formatted `where: what is wrong; fix`. */
  public readonly problems: readonly string[];

  constructor(
    public readonly subject: string,
    problems: readonly (Problem | string)[],
  ) {
    const lines = problems.map((p) => (typeof p === "string" ? p : formatProblem(p)));
    super(`invalid ${subject} (${lines.length} problem${lines.length === 1 ? "" : "s"}):\n${lines.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = lines;
    this.name = "ValidationError";
  }
}

/** Throws one ValidationError with every problem when there is at least one. */
export function throwIfProblems(subject: string, problems: readonly (Problem | string)[]): void {
  if (problems.length > 0) throw new ValidationError(subject, problems);
}
