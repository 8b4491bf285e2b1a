import { Command, Option } from "commander";
import { CliContext, CommonOptions, positiveInt, withCommonOptions } from "./context";

/** `cdktf-gitops history`: the releases of an environment, newest first. */
export function registerHistory(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("history"), false)
    .description("list the releases of an environment: id, time, source commit, apps and digests, rollbacks marked")
    .requiredOption("--env <env>", "environment")
    .addOption(new Option("--limit <n>", "only the newest n releases").argParser(positiveInt("--limit")))
    .action(async (options: CommonOptions & { env: string; limit?: number }) => {
      const { history } = await import("../release/history");
      const { io } = cli;
      const result = history({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environment: options.env, limit: options.limit, progress: cli.progress(options) });
      cli.print(options, { ok: true, ...result }, () =>
        result.releases
          .map((r) => {
            const kind = r.kind === "rollback" ? `${r.automatic ? "automatic rollback" : "rollback"} to ${r.restores ?? "?"} (reverts ${r.reverts ?? "?"}${r.cause ? `; cause: ${r.cause}` : ""})` : r.removed ? `${r.kind} (removed ${result.environment})` : r.kind;
            const apps = Object.entries(r.apps).map(([app, image]) => `    ${app}  ${image}\n`);
            return `${r.id}  ${r.time}  ${kind}\n    commit ${r.commit.slice(0, 12)}  source ${r.sourceCommit ?? "-"}\n${apps.join("")}`;
          })
          .join(""),
      );
    });
}
