import { BOOTSTRAP_FOLDER, ENVIRONMENTS_FOLDER } from "./gitops-layout";

/**
 * Files at the root of the GitOps repository (outside `environments/<env>/` and `bootstrap/`), such as
 * `.github/CODEOWNERS`. They are synthesized below `cdktf.out/gitops-root/` (not `cdktf.out/gitops/`, whose
 * folders are environments) and every publish lays them at the repository root, path for path.
 */
export const GITOPS_ROOT_OUTPUT_FOLDER = "gitops-root";

/** Root folders of the GitOps repository that belong to releases; a root file may not be placed in them. */
export const RELEASE_OWNED_FOLDERS: readonly string[] = [ENVIRONMENTS_FOLDER, BOOTSTRAP_FOLDER];

/** Why `file` (relative, `/`-separated) cannot be a root file of the GitOps repository, or undefined when it can. */
export function gitopsRootFileProblem(file: string): string | undefined {
  const segments = file.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || s === ".git")) {
    return `root file "${file}" is not a plain relative path; write files such as ".github/CODEOWNERS"`;
  }
  if (RELEASE_OWNED_FOLDERS.includes(segments[0])) {
    return `root file "${file}" lies in ${segments[0]}/, which releases own; write environment files below cdktf.out/gitops/<env>/`;
  }
  return undefined;
}
