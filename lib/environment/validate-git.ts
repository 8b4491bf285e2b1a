import { isKeyVaultSecretName, KEY_VAULT_SECRET_NAME_RULE } from "../core/azure-formats";
import { Duration, durationFix } from "../core/duration";
import { DEFAULT_GIT_BRANCH, gitBranchProblems, gitUrlProblems, isSshGitUrl, PUBLIC_GIT_AUTH } from "../core/git-rules";
import { maskUrlUserInfo } from "../core/redaction";
import { GitAuthSpec, GitRepositorySpec } from "./environment-spec";

/** Problems of an environment's GitOps repository: url, branch, sync interval and authentication. */
export function gitRepositoryProblems(at: string, repo: GitRepositorySpec): string[] {
  const problems = [...gitUrlProblems(at, repo.url), ...gitBranchProblems(at, repo.branch ?? DEFAULT_GIT_BRANCH)];
  if (repo.syncInterval !== undefined && !Duration.parse(repo.syncInterval)) {
    problems.push(`${at}: gitops.syncInterval "${repo.syncInterval}" is not a duration; ${durationFix()}`);
  }
  problems.push(...gitAuthProblems(at, repo.url, repo.auth ?? PUBLIC_GIT_AUTH));
  return problems;
}

function gitAuthProblems(at: string, url: string, auth: GitAuthSpec): string[] {
  const ssh = isSshGitUrl(url);
  switch (auth.kind) {
    case "ssh":
      return [
        ...(ssh ? [] : [`${at}: gitops.auth is ssh but url "${maskUrlUserInfo(url)}" is not an ssh url; use an ssh url or https auth`]),
        ...secretNameProblems(at, [auth.privateKeySecretName, auth.knownHostsSecretName]),
      ];
    case "https":
      return [
        ...(ssh ? [`${at}: gitops.auth is https but url "${url}" is an ssh url; use an https url or ssh auth`] : []),
        ...secretNameProblems(at, [auth.usernameSecretName, auth.passwordSecretName]),
      ];
    default:
      return ssh ? [`${at}: gitops url "${url}" is an ssh url, which needs a key; set gitops.auth to ssh or use an https url`] : [];
  }
}

function secretNameProblems(at: string, names: readonly string[]): string[] {
  return names
    .filter((name) => !isKeyVaultSecretName(name))
    .map((name) => `${at}: gitops.auth secret name "${name}" is not a key vault secret name; ${KEY_VAULT_SECRET_NAME_RULE}`);
}
