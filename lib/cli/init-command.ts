import type { Command } from "commander";
import * as path from "path";
import { CliContext, listOption } from "./context";

interface InitFlags {
  name?: string;
  region?: string;
  github?: string;
  azureDevops?: string;
  azureDevopsOrgId?: string;
  tenantId?: string;
  subscriptionId?: string;
  platformTeam?: string;
  githubPlan?: string;
  gitopsRepo?: string;
  gitopsUrl?: string;
  adminGroup?: string;
  apiServerRange?: string[];
  owner?: string[];
  library?: string;
  force?: boolean;
  git: boolean;
  json?: boolean;
}

/** `cdktf-gitops init [folder]`: scaffolds an infra repository (see `init`). */
export function registerInit(program: Command, cli: CliContext): void {
  program
    .command("init")
    .argument("[folder]", "folder to scaffold into (created when absent)", ".")
    .description("scaffold an infra repository: one dev environment, a sample app pinned by digest, a snapshot test, exact versions")
    .option("--name <project>", "project name, 2-12 lower-case letters and digits (default: from the folder name)")
    .option("--region <region>", "azure region of the dev environment", "westeurope")
    .option("--github <owner/repo>", "the infra repository on github (ci: github actions)")
    .option("--azure-devops <org/project/repo>", "the infra repository on azure devops (ci: azure pipelines)")
    .option("--azure-devops-org-id <guid>", "the azure devops organization's id (with --azure-devops)")
    .option("--tenant-id <guid>", "azure ad tenant of the dev subscription (with a ci flag)")
    .option("--subscription-id <guid>", "the subscription dev deploys to (with a ci flag)")
    .option("--platform-team <team>", "code owner of the library and pipeline files, github org/team or an azure devops group (with a ci flag: adds governance)")
    .option("--github-plan <plan>", "github plan of the account owning the repositories: free, pro, team or enterprise (with --platform-team)")
    .option("--gitops-repo <repo>", "the gitops repository on github, owner/name (default with --github: the infra repository's name + -gitops)")
    .option("--gitops-url <url>", "url flux syncs the gitops repository from (default: from --github / --azure-devops)")
    .option("--admin-group <object-id>", "azure ad group of the cluster admins (default: a sample value to replace)")
    .option("--api-server-range <cidr...>", "networks allowed to reach the aks api server (default: a sample range that routes nowhere)")
    .option("--owner <email...>", "owner e-mail addresses of the environments")
    .option("--library <npm-spec>", "the cdktf-gitops dependency in package.json: a version, a tarball path or a git url (default: this version)")
    .option("--force", "write into a folder that is not empty, replacing files of the same names")
    .option("--no-git", "do not run git init")
    .option("--json", "print the result as JSON on stdout")
    .action(async (folder: string, flags: InitFlags) => {
      const { init, nextSteps } = await import("./init");
      const { io } = cli;
      const result = init({
        folder: path.resolve(io.cwd, folder),
        project: flags.name,
        region: flags.region,
        github: flags.github,
        azureDevOps: flags.azureDevops,
        azureDevOpsOrgId: flags.azureDevopsOrgId,
        tenantId: flags.tenantId,
        subscriptionId: flags.subscriptionId,
        platformTeam: flags.platformTeam,
        githubPlan: flags.githubPlan,
        gitopsRepo: flags.gitopsRepo,
        gitopsUrl: flags.gitopsUrl,
        adminGroup: flags.adminGroup,
        apiServerRanges: listOption(flags.apiServerRange),
        owners: listOption(flags.owner),
        librarySpec: flags.library,
        force: flags.force,
        git: flags.git,
        env: io.env,
      });
      const json = { ok: true, folder: result.folder, files: result.files, gitInitialized: result.gitInitialized, project: result.spec.project, samples: result.spec.samples };
      io.stdout(flags.json ? `${JSON.stringify(json, null, 2)}\n` : nextSteps(result, io.cwd));
    });
}
