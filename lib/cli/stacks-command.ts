import * as fs from "fs";
import type { Command } from "commander";
import { ExitCode, ReleaseError } from "../release/errors";
import { CliContext, CommonOptions, positiveInt } from "./context";

interface StacksOptions {
  env: string;
  out: string;
  plans: string;
  changes?: string;
  layer?: number;
  ready?: boolean;
  all?: boolean;
  parallel: number;
  json?: boolean;
  quiet?: boolean;
}

const wholeNumber = (name: string) => (value: string): number => {
  if (!/^\d+$/.test(value)) throw new ReleaseError(`${name} ${value} is not valid; use a whole number of 0 or more`);
  return Number(value);
};

/** The stacks a `stacks` command runs: every stack (`--all`), or a selection of a `changed-stacks --json` file. */
async function stacksToRun(options: StacksOptions): Promise<string[]> {
  const { environmentStacks, selectStacks } = await import("../release/terraform-stacks");
  if (options.all) return environmentStacks(options.out, options.env);
  if (options.changes === undefined) throw new ReleaseError("pass --changes <file> (the output of changed-stacks --json) or --all");
  const changes = JSON.parse(fs.readFileSync(options.changes, "utf8"));
  if (changes.environment !== options.env) throw new ReleaseError(`${options.changes} describes environment "${changes.environment}", not "${options.env}"; pass the file of ${options.env}`);
  return selectStacks(changes, { layer: options.layer, ready: options.ready });
}

/** The output options in the shape the CLI's print and progress helpers take. */
const output = (options: StacksOptions): CommonOptions => ({ json: options.json, quiet: options.quiet, branch: "" });

/** `cdktf-gitops stacks plan|apply`: terraform over a selection of stacks with bounded parallelism (for the pipelines). */
export function registerStacks(program: Command, cli: CliContext): void {
  const stacks = program.command("stacks").description("plan or apply the stacks a change touches, layer by layer, with bounded parallelism (used by the generated pipelines)");
  const common = (command: Command): Command =>
    command
      .requiredOption("--env <env>", "environment")
      .requiredOption("--out <dir>", "the synthesized cdktf.out folder")
      .requiredOption("--plans <dir>", "folder of the plan files and plans.json")
      .option("--changes <file>", "the environment's changed-stacks --json output")
      .option("--layer <n>", "only this layer of the touched stacks", wholeNumber("--layer"))
      .option("--parallel <n>", "stacks run at once", positiveInt("--parallel"), 4)
      .option("--json", "print the results as JSON on stdout")
      .option("-q, --quiet", "no progress messages");
  common(stacks.command("plan"))
    .description("terraform init + plan -detailed-exitcode of each selected stack; exit code 1 with --all when a stack has changes (drift)")
    .option("--ready", "only stacks with nothing touched upstream (their plan is final before any apply)")
    .option("--all", "every stack of the environment (drift detection)")
    .action(async (options: StacksOptions) => {
      const { planStacks } = await import("../release/terraform-stacks");
      const results = await planStacks({ out: options.out, plans: options.plans, stacks: await stacksToRun(options), parallel: options.parallel, env: cli.io.env, progress: cli.progress(output(options)) });
      cli.print(output(options), { ok: true, environment: options.env, plans: results }, () => results.map((r) => `  ${r.stack}: ${r.result === "error" ? "error\n" : ""}${r.summary}\n`).join("") || "no stacks to plan\n");
      if (results.some((r) => r.result === "error")) throw new ReleaseError(`terraform failed for ${results.filter((r) => r.result === "error").map((r) => r.stack).join(", ")}; see ${options.plans}/<stack>.txt`, ExitCode.INTERNAL);
      if (options.all && results.some((r) => r.result === "changes")) cli.setExitCode(ExitCode.DIFFERENCES);
    });
  common(stacks.command("apply"))
    .description("terraform apply of the reviewed plan files (plans with changes only)")
    .action(async (options: StacksOptions) => {
      const { applyStacks } = await import("../release/terraform-stacks");
      const results = await applyStacks({ out: options.out, plans: options.plans, stacks: await stacksToRun(options), parallel: options.parallel, env: cli.io.env, progress: cli.progress(output(options)) });
      cli.print(output(options), { ok: true, environment: options.env, applies: results }, () => results.map((r) => `  ${r.stack}: ${r.result}: ${r.summary}\n`).join("") || "no stacks to apply\n");
      if (results.some((r) => r.result === "error")) throw new ReleaseError(`terraform apply failed for ${results.filter((r) => r.result === "error").map((r) => r.stack).join(", ")}`, ExitCode.INTERNAL);
    });
}
