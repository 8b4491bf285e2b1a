import type { Command } from "commander";
import { CliContext, listOption, SynthOptions, withCommonOptions } from "./context";
import { formatEnvironments } from "./format";

/** `cdktf-gitops publish`: synthesize, lay out, commit once and push. */
export function registerPublish(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("publish"), true)
    .description("synthesize (or take --out), lay the output out in the GitOps repository, commit once with provenance trailers and push")
    .option("--allow-dirty", "publish from a source tree with uncommitted changes to a --repo")
    .option("--allow-bad-release", "publish content that an automatic rollback recorded as bad for an environment (bad-releases/<env>.json)")
    .action(async (options: SynthOptions & { allowDirty?: boolean; allowBadRelease?: boolean }) => {
      const { publish } = await import("../release/publish");
      const { io } = cli;
      const result = publish({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environments: listOption(options.env), out: options.out, allowDirty: options.allowDirty, allowBadRelease: options.allowBadRelease, progress: cli.progress(options), warn: cli.warn });
      const { plan, ...rest } = result;
      cli.print(options, { ok: true, ...rest, files: plan.files, environments: plan.environments }, () =>
        result.changed
          ? `published release ${result.releaseId} to ${result.repository} (${result.branch}) as ${result.commit?.slice(0, 12)}\n${formatEnvironments(result.plan.environments, options.verbose)}`
          : `nothing to publish: ${result.repository} (${result.branch}) is up to date\n`,
      );
    });
}
