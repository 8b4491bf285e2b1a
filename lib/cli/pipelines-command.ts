import type { Command } from "commander";
import { ExitCode } from "../release/errors";
import { CliContext } from "./context";

/** `cdktf-gitops pipelines write|check`: the generated pipelines in the infra repository. */
export function registerPipelines(program: Command, cli: CliContext): void {
  const pipelines = program.command("pipelines").description("write the generated pipelines into the infra repository (.github/workflows/ or azure-pipelines/), or check that they are up to date");
  for (const mode of ["write", "check"] as const) {
    pipelines
      .command(mode)
      .description(mode === "write" ? "write the generated pipelines (and remove generated ones no longer produced)" : "exit with code 1 when the committed pipelines differ from the generated ones")
      .option("--out <dir>", "use an existing synthesized cdktf.out folder instead of synthesizing")
      .option("--json", "print the result as JSON")
      .action(async (options: { out?: string; json?: boolean }) => {
        const { syncPipelines } = await import("../release/pipeline-sync");
        const result = syncPipelines({ cwd: cli.io.cwd, out: options.out, write: mode === "write", env: cli.io.env });
        cli.print({ json: options.json, branch: "" }, { ok: true, ...result }, () =>
          result.stale.length === 0
            ? `pipelines in ${result.folder}/ are up to date\n`
            : mode === "write"
              ? `wrote ${result.folder}/:\n${result.stale.map((f) => `  ${f}\n`).join("")}commit them\n`
              : `pipelines in ${result.folder}/ are stale:\n${result.stale.map((f) => `  ${f}\n`).join("")}run "cdktf-gitops pipelines write" and commit the result\n`,
        );
        if (mode === "check" && result.stale.length > 0) cli.setExitCode(ExitCode.DIFFERENCES);
      });
  }
}
