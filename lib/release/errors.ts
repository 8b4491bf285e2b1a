/**
 * Exit codes of the `cdktf-gitops` command-line tool (documented in docs/releases.md).
 * - 0 success
 * - 1 `verify` (or `diff --exit-code`) found differences
 * - 2 bad input: usage error, unknown environment, dirty working tree, missing rollback target, refused promotion
 * - 3 git repository problem: unreachable repository, rejected or failed push
 * - 4 synthesis failed
 * - 5 unexpected internal error
 */
export const ExitCode = {
  OK: 0,
  DIFFERENCES: 1,
  BAD_INPUT: 2,
  REPOSITORY: 3,
  SYNTH: 4,
  INTERNAL: 5,
} as const;

/** A numeric exit code from `ExitCode`. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure of a release command: a lower-case message that names the fix, and the exit code. */
export class ReleaseError extends Error {
  constructor(
    message: string,
    public readonly exitCode: ExitCodeValue = ExitCode.BAD_INPUT,
  ) {
    super(message);
    this.name = "ReleaseError";
  }
}
