import * as path from "path";
import type { Command } from "commander";
import { CliContext } from "./context";

/** `cdktf-gitops synth`: synthesize the project with its cdktf.json app command (no cdktf-cli needed). */
export function registerSynth(program: Command, cli: CliContext): void {
  program
    .command("synth")
    .description("synthesize the cdktf app of the project (the app command of cdktf.json) into --out")
    .requiredOption("--out <dir>", "output folder")
    .action(async (options: { out: string }) => {
      const { synthesize } = await import("../release/synth");
      const { findProjectRoot } = await import("../release/source");
      const projectDir = findProjectRoot(cli.io.cwd);
      synthesize({ projectDir, outDir: path.resolve(cli.io.cwd, options.out), env: cli.io.env });
      cli.io.stderr(`synthesized ${projectDir} into ${options.out}\n`);
    });
}
