import { ReleaseError } from "../release/errors";

/** A repository on GitHub. */
export interface GitHubRepository {
  readonly owner: string;
  readonly name: string;
}

/** A repository of Azure DevOps (Azure Repos). */
export interface AzureDevOpsRepository {
  readonly organization: string;
  readonly project: string;
  readonly repository: string;
}

/**
 * The delivery settings `init` writes into the scaffold's platform spec (the shape of `PlatformSpec.delivery`):
 * which CI system runs the generated pipelines, the infra repository they run in and the GitOps repository they
 * push releases to, with the name of the CI secret holding the push key (a name, never a value).
 */
export type ScaffoldDelivery =
  | { readonly ci: "github"; readonly infraRepository: GitHubRepository; readonly gitopsRepository: GitHubRepository; readonly gitopsPushCredential: PushCredential }
  | {
      readonly ci: "azure-devops";
      readonly infraRepository: AzureDevOpsRepository;
      /** The pipelines push releases to GitHub (a deploy key or a GitHub App), whichever CI system runs them. */
      readonly gitopsRepository: GitHubRepository;
      readonly gitopsPushCredential: PushCredential;
      readonly azureDevOps: { readonly organizationId: string };
    };

/** A deploy key of the GitOps repository, stored as a CI secret of the infra repository. */
export interface PushCredential {
  readonly kind: "deploy-key";
  readonly privateKeySecret: string;
}

/** Name of the CI secret that holds the GitOps repository's deploy key in a scaffold. */
export const GITOPS_DEPLOY_KEY_SECRET = "GITOPS_DEPLOY_KEY";

// GitHub: owner 1-39 letters, digits and single hyphens; repository letters, digits, '.', '_' and '-'.
const GITHUB_OWNER = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/;
const GITHUB_REPO = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
// Azure DevOps: organization letters, digits and hyphens; project and repository names without / \ : ? * " < > | # % and no leading dot or underscore.
const ADO_ORGANIZATION = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/;
const ADO_NAME = /^(?![._])[^/\\:?*"<>|#%{}\x00-\x1f]{1,64}(?<![.\s])$/;

/** Parses `--github owner/repo`. */
export function parseGitHubRepository(value: string, option: string): GitHubRepository {
  const parts = value.split("/");
  if (parts.length !== 2 || !GITHUB_OWNER.test(parts[0]) || !GITHUB_REPO.test(parts[1])) {
    throw new ReleaseError(`${option} "${value}" is not a github repository; use owner/repo, such as contoso/platform-infra`);
  }
  return { owner: parts[0], name: parts[1] };
}

/** Parses `--azure-devops organization/project/repository`. */
export function parseAzureDevOpsRepository(value: string, option: string): AzureDevOpsRepository {
  const parts = value.split("/");
  if (parts.length !== 3 || !ADO_ORGANIZATION.test(parts[0]) || !ADO_NAME.test(parts[1]) || !ADO_NAME.test(parts[2])) {
    throw new ReleaseError(`${option} "${value}" is not an azure devops repository; use organization/project/repository, such as contoso/platform/platform-infra`);
  }
  return { organization: parts[0], project: parts[1], repository: parts[2] };
}

/** What the command line said about CI: `--github`, `--azure-devops` (with `--azure-devops-org-id`), `--gitops-repo`. */
export interface CiFlags {
  readonly github?: string;
  readonly azureDevOps?: string;
  /** The Azure DevOps organization's id (a GUID): part of the workload identity federation issuer. */
  readonly azureDevOpsOrgId?: string;
  readonly gitopsRepo?: string;
}

/**
 * The delivery settings for the CI flags, or undefined without `--github` / `--azure-devops`. The GitOps
 * repository is on GitHub (the pipelines push to GitHub): `--gitops-repo owner/name`, by default with `--github`
 * the infra repository's name with `-gitops` appended, beside it; with `--azure-devops` it must be given.
 */
export function scaffoldDelivery(flags: CiFlags): ScaffoldDelivery | undefined {
  const gitopsPushCredential: PushCredential = { kind: "deploy-key", privateKeySecret: GITOPS_DEPLOY_KEY_SECRET };
  if (flags.github !== undefined && flags.azureDevOps !== undefined) {
    throw new ReleaseError("--github and --azure-devops were both given; choose the one CI system that runs the pipelines");
  }
  if (flags.github !== undefined) {
    const infraRepository = parseGitHubRepository(flags.github, "--github");
    const gitopsRepository = flags.gitopsRepo !== undefined ? parseGitHubRepository(flags.gitopsRepo, "--gitops-repo") : { owner: infraRepository.owner, name: `${infraRepository.name}-gitops` };
    return { ci: "github", infraRepository, gitopsRepository, gitopsPushCredential };
  }
  if (flags.azureDevOps !== undefined) {
    const infraRepository = parseAzureDevOpsRepository(flags.azureDevOps, "--azure-devops");
    if (flags.gitopsRepo === undefined) {
      throw new ReleaseError("--azure-devops needs --gitops-repo owner/name: the gitops repository is on github (the pipelines push releases there with a deploy key)");
    }
    const gitopsRepository = parseGitHubRepository(flags.gitopsRepo, "--gitops-repo");
    if (flags.azureDevOpsOrgId === undefined) {
      throw new ReleaseError("--azure-devops needs --azure-devops-org-id <guid> (the organization's id: organization settings > microsoft entra, or az devops invoke)");
    }
    return { ci: "azure-devops", infraRepository, gitopsRepository, gitopsPushCredential, azureDevOps: { organizationId: flags.azureDevOpsOrgId } };
  }
  if (flags.azureDevOpsOrgId !== undefined) throw new ReleaseError("--azure-devops-org-id needs --azure-devops");
  if (flags.gitopsRepo !== undefined) throw new ReleaseError("--gitops-repo needs --github or --azure-devops (it names the repository the pipelines publish to)");
  return undefined;
}

/** The HTTPS clone URL Flux / Argo CD read the GitOps repository from. */
export function gitopsCloneUrl(delivery: ScaffoldDelivery): string {
  return `https://github.com/${delivery.gitopsRepository.owner}/${delivery.gitopsRepository.name}.git`;
}
