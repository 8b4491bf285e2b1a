import type { Command } from "commander";
import { CliContext, CommonOptions, withCommonOptions } from "./context";

/** `cdktf-gitops changed-stacks`: the stacks of an environment a change touches, in dependency order. */
export function registerChangedStacks(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("changed-stacks"), false)
    .description("list the stacks of an environment whose synthesized JSON differs from the GitOps repository's, and the stacks downstream of them (pending upstream), in dependency order")
    .requiredOption("--env <env>", "environment")
    .requiredOption("--out <dir>", "the synthesized cdktf.out folder")
    .action(async (options: CommonOptions & { env: string; out: string }) => {
      const { changedStacks } = await import("../release/changed-stacks");
      const { io } = cli;
      const result = changedStacks({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environment: options.env, out: options.out, progress: cli.progress(options) });
      cli.print(options, { ok: true, ...result }, () => {
        const lines = result.stacks.map((s) => `  layer ${s.layer}  ${s.name}  ${s.status}${s.ready ? "" : `, pending upstream: ${s.upstream.join(", ")}`}\n`);
        const bootstrap = result.bootstrap.map((b) => `  ${b}  changed: apply by hand (bootstrap stack)\n`);
        return `${result.environment}: ${result.stacks.length} stack(s) touched\n${lines.join("")}${bootstrap.join("")}`;
      });
    });
}
