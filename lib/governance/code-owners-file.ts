import * as fs from "fs";
import * as path from "path";
import { addFileSynthesis } from "../core/file-synthesis";
import { Construct } from "constructs";
import { throwIfProblems } from "../core/validation-error";
import { CODEOWNERS_PATH, CodeOwnersRule, ICodeOwners, renderCodeOwners } from "./code-owners";

export { GITOPS_ROOT_OUTPUT_FOLDER } from "../core/gitops-root";
/** Output folder (below cdktf.out) of the infra repository's generated GitHub files, as `pipelines write` copies them. */
export const GITHUB_PIPELINES_OUTPUT_FOLDER = "pipelines/github";

/** Props of a `CodeOwnersFile`. */
export interface CodeOwnersFileProps {
  /** The rules, in file order (the last matching line wins). */
  readonly rules: readonly CodeOwnersRule[];
  /** Where the file is written at synth, relative to cdktf.out, e.g. `gitops-root/.github/CODEOWNERS`. */
  readonly outputPath: string;
  /** What the header names as the file's source, e.g. `the platform spec (environments/)`. */
  readonly source: string;
  /**
   * Path of the file in its repository.
   * @default ".github/CODEOWNERS"
   */
  readonly repositoryPath?: string;
}

const OWNER = /^@[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/;
const PATTERN = /^[^\s#!\\]+$/;

/**
 * A CODEOWNERS file written at synth time below cdktf.out. Its rules are checked when it is created: every
 * pattern is a plain path (no spaces, `#`, `!` or `\`, which GitHub's syntax does not allow unescaped), every
 * owner is `@org/team` or `@user`, and the file lists itself, so nobody can change who owns what unreviewed.
 */
export class CodeOwnersFile extends Construct implements ICodeOwners {
  public readonly rules: readonly CodeOwnersRule[];
  public readonly repositoryPath: string;
  /** The file's path relative to cdktf.out. */
  public readonly outputPath: string;
  /** The file's text. */
  public readonly text: string;

  constructor(scope: Construct, id: string, props: CodeOwnersFileProps) {
    super(scope, id);
    this.repositoryPath = props.repositoryPath ?? CODEOWNERS_PATH;
    this.outputPath = props.outputPath;
    this.rules = props.rules;
    const problems = codeOwnersProblems(this.node.path, props, this.repositoryPath);
    throwIfProblems("CODEOWNERS", problems);
    this.text = renderCodeOwners(props.rules, props.source);
    addFileSynthesis(this, (session) => {
      const target = path.join(session.outdir, this.outputPath);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, this.text);
    });
  }
}

function codeOwnersProblems(where: string, props: CodeOwnersFileProps, repositoryPath: string): string[] {
  const problems: string[] = [];
  const segments = props.outputPath.split("/");
  if (path.isAbsolute(props.outputPath) || segments.some((s) => s === "" || s === "." || s === "..")) {
    problems.push(`${where}: outputPath "${props.outputPath}" is not a plain relative path; use a path below cdktf.out such as "gitops-root/.github/CODEOWNERS"`);
  }
  if (props.rules.length === 0) problems.push(`${where}: rules is empty; give at least the catch-all rule "*"`);
  for (const rule of props.rules) {
    if (!PATTERN.test(rule.pattern)) problems.push(`${where}: pattern "${rule.pattern}" is not a plain path; use a path without spaces, "#", "!" or "\\"`);
    if (rule.owners.length === 0) problems.push(`${where}: pattern "${rule.pattern}" has no owners; give it at least one owner`);
    for (const owner of rule.owners) {
      if (!OWNER.test(owner)) problems.push(`${where}: owner "${owner}" of "${rule.pattern}" is not valid; use "@org/team" or "@user"`);
    }
  }
  const self = props.rules.filter((r) => r.pattern === `/${repositoryPath}` || r.pattern === repositoryPath);
  if (self.length === 0) problems.push(`${where}: the rules do not list the file itself; add a rule for "/${repositoryPath}" so changes to ownership are reviewed`);
  return problems;
}
