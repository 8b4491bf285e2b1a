import { maskUrlUserInfo } from "./redaction";

/** The branch a GitOps repository is synced from and released to unless one is named. */
export const DEFAULT_GIT_BRANCH = "main";

/** The authentication of a public repository: none. */
export const PUBLIC_GIT_AUTH = { kind: "public" } as const;

/** Problems of a GitOps repository URL, or an empty list. */
export function gitUrlProblems(at: string, url: string): string[] {
  if (/^https:\/\/[^/@\s]*@/.test(url) || /^ssh:\/\/[^/@\s]*:[^/@\s]*@/.test(url)) {
    return [`${at}: gitops url "${maskUrlUserInfo(url)}" embeds credentials; remove them from the url and use gitops.auth with key vault secrets`];
  }
  if (/^https:\/\/[a-zA-Z0-9.-]+(:\d+)?\/[^\s?#]+$/.test(url)) return [];
  if (/^ssh:\/\/[a-zA-Z0-9._-]+@[a-zA-Z0-9.-]+(:\d+)?\/[^\s?#]+$/.test(url)) return [];
  if (/^[a-zA-Z0-9._-]+@[a-zA-Z0-9.-]+:[^\s?#/][^\s?#]*$/.test(url)) return [];
  return [`${at}: gitops url "${url}" is not a git url; use https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git`];
}

/** True when the URL uses SSH (either form). */
export function isSshGitUrl(url: string): boolean {
  return url.startsWith("ssh://") || /^[a-zA-Z0-9._-]+@[a-zA-Z0-9.-]+:/.test(url);
}

/** Problems of a git branch name (git check-ref-format rules), or an empty list. */
export function gitBranchProblems(at: string, branch: string): string[] {
  const bad =
    branch.length === 0 ||
    /[\s~^:?*[\\\x00-\x1f\x7f]/.test(branch) ||
    branch.includes("..") ||
    branch.includes("@{") ||
    branch.includes("//") ||
    /^[-/.]/.test(branch) ||
    /(\/|\.|\.lock)$/.test(branch) ||
    branch.split("/").some((part) => part.startsWith("."));
  return bad ? [`${at}: gitops branch "${branch}" is not a valid git branch name; use a name such as "main"`] : [];
}
