import { isGitHubRepository, ResolvedDelivery } from "../environment/delivery-spec";

/** GitHub's published SSH host key (docs.github.com, "GitHub's SSH key fingerprints"). */
export const GITHUB_SSH_HOST_KEY = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
/** Azure DevOps' SSH host key (fingerprint SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og, Azure DevOps docs). */
export const AZURE_DEVOPS_SSH_HOST_KEY =
  "ssh.dev.azure.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7Hr1oTWqNqOlzGJOfGJ4NakVyIzf1rXYd4d7wo6jBlkLvCA4odBlL0mDUyZ0/QUfTTqeu+tm22gOsv+VrVTMk6vwRU75gY/y9ut5Mb3bR5BV58dKXyq9A9UeB5Cakehn5Zgm6x1mKoVyf+FFn26iYqXJRgzIZZcZ5V6hrE0Qg39kZm4az48o0AUbf6Sp4SLdvnuMa2sVNwHBboS7EJkm57XQPVU3/QpyNLHbWDdzwtrlS+ez30S3AdYhLKEOxAG8weOnyrtLJAUen9mTkol8oII1edf7mWWbWVf0nBmly21+nZcmCTISQBtdcyPaEno7fFQMDD26/s0lfKob4Kw8H";

/**
 * The GitOps repository's URL as the pipeline pushes to it: HTTPS with a GitHub App token, or SSH with the
 * deploy key (GitHub, or Azure Repos' `v3/<org>/<project>/<repo>` path).
 */
export function gitopsPushUrl(delivery: ResolvedDelivery): string {
  const repository = delivery.gitopsRepository;
  if (isGitHubRepository(repository)) {
    return delivery.gitopsPushCredential.kind === "github-app" ? `https://github.com/${repository.owner}/${repository.name}.git` : `git@github.com:${repository.owner}/${repository.name}.git`;
  }
  return `git@ssh.dev.azure.com:v3/${repository.organization}/${repository.project}/${repository.repository}`;
}

/** The known_hosts line the deploy key's SSH connection verifies the server with (strict host key checking). */
export function gitopsKnownHosts(delivery: ResolvedDelivery): string {
  return isGitHubRepository(delivery.gitopsRepository) ? GITHUB_SSH_HOST_KEY : AZURE_DEVOPS_SSH_HOST_KEY;
}
