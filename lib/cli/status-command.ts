import type { Command } from "commander";
import type { EnvironmentStatus } from "../release/status";
import { CliContext, listOption, SynthOptions, withCommonOptions } from "./context";

/** `cdktf-gitops status`: per environment, the current release, its apps, whether it matches a fresh synth, the last rollback. */
export function registerStatus(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("status"), true)
    .description("show per environment the current release, its apps and digests, whether the GitOps repository matches a fresh synth, and the last rollback")
    .action(async (options: SynthOptions) => {
      const { status } = await import("../release/status");
      const { io } = cli;
      const result = status({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environments: listOption(options.env), out: options.out, progress: cli.progress(options) });
      cli.print(options, { ok: true, ...result }, () => `${result.repository} (${result.branch}), fresh synth of ${result.sourceCommit}\n${result.environments.map(formatStatus).join("")}`);
    });
}

function formatStatus(s: EnvironmentStatus): string {
  const release = s.current ? `release ${s.current.id}  ${s.current.time}  ${s.current.kind}  source ${s.current.sourceCommit ?? "-"}` : "never published";
  const sync = !s.synthesized
    ? "not in the fresh synth (removed from the spec; a publish of it removes its folder)"
    : s.matchesSynth
      ? "matches a fresh synth"
      : `differs from a fresh synth in ${s.pendingFiles} file(s); "cdktf-gitops diff --env ${s.environment}" shows them`;
  const apps = Object.entries(s.apps).map(([app, image]) => `    app ${app}  ${image}\n`);
  const rollback = s.lastRollback ? `    last rollback ${s.lastRollback.id}  ${s.lastRollback.time}  to ${s.lastRollback.restores ?? "?"} (reverted ${s.lastRollback.reverts ?? "?"})\n` : "    no rollback\n";
  return `${s.environment}: ${release}\n    ${sync}\n${apps.join("")}${rollback}`;
}
