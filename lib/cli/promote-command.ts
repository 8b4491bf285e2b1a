import type { Command } from "commander";
import { CliContext, CommonOptions, listOption, withCommonOptions } from "./context";

interface PromoteOptions extends CommonOptions {
  from: string;
  to: string;
  app?: string[];
  dryRun?: boolean;
  anySource?: boolean;
}

/** `cdktf-gitops promote`: copy pinned digests from one environment's pins to another's. */
export function registerPromote(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("promote"), false)
    .description("copy the pinned digests of apps from one environment's pins to another's (environments/pins/<env>.json in the source repository)")
    .requiredOption("--from <env>", "environment to promote from (its published release must run the pinned digests)")
    .requiredOption("--to <env>", "environment to promote to")
    .option("--app <app...>", "apps to promote (repeat or separate with commas; default: all pinned in --from)")
    .option("--dry-run", "print the changes without writing the pins file")
    .option("--any-source", "promote even when the target environment is promoted from another environment")
    .action(async (options: PromoteOptions) => {
      const { promote } = await import("../release/promote");
      const { io } = cli;
      const result = promote({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, from: options.from, to: options.to, apps: listOption(options.app), dryRun: options.dryRun, anySource: options.anySource, progress: cli.progress(options) });
      cli.print(options, { ok: true, ...result }, () => {
        const lines = result.changes.map((c) => `  ${c.app}: ${c.changed ? `${c.from ?? "(not pinned)"} -> ${c.to}` : `unchanged (${c.to})`}\n`);
        const tail = result.written
          ? `wrote ${result.pinsFile}; commit it and run "cdktf-gitops publish" to release ${result.to}\n`
          : options.dryRun
            ? `dry run: ${result.pinsFile} not written\n`
            : `${result.to} already runs these pins; nothing to change\n`;
        return `promote ${result.from} -> ${result.to}:\n${lines.join("")}${tail}`;
      });
    });
}
