import * as fs from "fs";
import * as path from "path";
import { GITOPS_ROOT_OUTPUT_FOLDER, gitopsRootFileProblem } from "../core/gitops-root";
import { ReleaseError } from "./errors";
import { insideOutput } from "./output-paths";
import { compareStrings } from "../core/sorting";

/**
 * Adds the synthesized root files of the GitOps repository (`cdktf.out/gitops-root/**`, e.g. `.github/CODEOWNERS`
 * from the governance stack) to a layout's files, at the same path from the repository root, and returns them
 * as scope entries: exact files, not folders, so other files in `.github/` are never touched, and a root file
 * that is no longer produced stays where it is (a publish without governance never deletes a CODEOWNERS someone
 * wrote by hand). They belong to every publish, whichever environments it selects: they come from the
 * same synth and describe the repository, not an environment.
 */
export function addRootFiles(outDir: string, files: { set(path: string, content: Buffer): unknown }): string[] {
  const root = path.join(outDir, GITOPS_ROOT_OUTPUT_FOLDER);
  const rootFiles = fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true }) as string[])
        .filter((file) => fs.statSync(path.join(root, file)).isFile())
        .map((file) => file.split(path.sep).join("/"))
        .sort(compareStrings)
    : [];
  for (const file of rootFiles) {
    const problem = gitopsRootFileProblem(file);
    if (problem) throw new ReleaseError(`${GITOPS_ROOT_OUTPUT_FOLDER}/${file}: ${problem}`);
    // a symlink out of the output folder is refused: --out is untrusted (output-paths.ts)
    files.set(file, fs.readFileSync(insideOutput(outDir, `${GITOPS_ROOT_OUTPUT_FOLDER}/${file}`, "root file")));
  }
  return rootFiles;
}
