import * as fs from "fs";
import * as path from "path";

/** Where the governance stack writes the infra repository's CODEOWNERS (below cdktf.out) and where it belongs. */
export const INFRA_CODEOWNERS = { output: "pipelines/github/.github/CODEOWNERS", repository: ".github/CODEOWNERS" } as const;

/**
 * The infra repository's CODEOWNERS as part of `pipelines write|check`: stale when the synthesized one is missing in
 * the repository or differs from it, or when a generated one (starting with `header`) is committed but no longer
 * produced; `write` brings it in line. A CODEOWNERS the team wrote (without the header) is never touched when
 * governance produces none. Returns the stale repository path, if any.
 */
export function syncInfraCodeOwners(outDir: string, projectDir: string, write: boolean, header: string): string[] {
  const produced = path.join(outDir, INFRA_CODEOWNERS.output);
  const committed = path.join(projectDir, INFRA_CODEOWNERS.repository);
  if (fs.existsSync(produced)) {
    const text = fs.readFileSync(produced);
    if (fs.existsSync(committed) && Buffer.compare(fs.readFileSync(committed), text) === 0) return [];
    if (write) {
      fs.mkdirSync(path.dirname(committed), { recursive: true });
      fs.writeFileSync(committed, text);
    }
    return [INFRA_CODEOWNERS.repository];
  }
  if (!fs.existsSync(committed) || !fs.readFileSync(committed, "utf8").startsWith(header)) return [];
  if (write) fs.rmSync(committed);
  return [INFRA_CODEOWNERS.repository];
}
