import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ExitCode, ReleaseError } from "./errors";
import { ChangedStacksResult, readStackGraph } from "./changed-stacks";
import { compareStrings } from "./source";

/** The outcome of one stack's plan. */
export interface StackPlan {
  readonly stack: string;
  /** `changes`: the plan changes something; `no-changes`; `error`: terraform failed (see the log). */
  readonly result: "changes" | "no-changes" | "error";
  /** Terraform's one-line summary (`Plan: 1 to add, 0 to change, 0 to destroy.`) or the error's last lines. */
  readonly summary: string;
}

/** Options of `planStacks` and `applyStacks`. */
export interface TerraformStacksOptions {
  /** The synthesized cdktf.out folder (stacks are run in `cdktf.out/stacks/<stack>/`). */
  readonly out: string;
  /** Folder of the plan files (`<stack>.tfplan`), their text (`<stack>.txt`) and `plans.json`. */
  readonly plans: string;
  /** The stacks, in dependency order. */
  readonly stacks: readonly string[];
  /** How many stacks run at once. @default 4 */
  readonly parallel?: number;
  /** The terraform program. @default "terraform" */
  readonly terraform?: string;
  /** Environment of terraform. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** One line per finished stack. @default - silent */
  readonly progress?: (message: string) => void;
}

/** The stacks to run from a `changed-stacks --json` result: one layer's touched stacks, or the ready ones. */
export function selectStacks(changes: ChangedStacksResult, selection: { layer?: number; ready?: boolean }): string[] {
  return changes.stacks.filter((s) => (selection.layer === undefined || s.layer === selection.layer) && (!selection.ready || s.ready)).map((s) => s.name);
}

/** Every environment stack of a cdktf.out folder, in name order (for drift detection). */
export function environmentStacks(out: string, environment: string): string[] {
  return readStackGraph(out).stacks.map((s) => s.name).filter((name) => name.startsWith(`${environment}-`)).sort(compareStrings);
}

interface Run {
  readonly status: number;
  readonly output: string;
}

function run(program: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { cwd, env: { ...env, TF_IN_AUTOMATION: "1", TF_INPUT: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", (e) => resolve({ status: 127, output: `${program}: ${e.message}` }));
    child.on("close", (code) => resolve({ status: code ?? 1, output: Buffer.concat(chunks).toString("utf8") }));
  });
}

/** Runs `work` over `items` with at most `limit` at once, keeping the results in item order. */
async function bounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function stackDir(out: string, stack: string): string {
  const dir = path.resolve(out, "stacks", stack);
  if (!fs.existsSync(path.join(dir, "cdk.tf.json"))) throw new ReleaseError(`${out}: stack ${stack} is not in the synthesized output; synthesize again or check the stack name`);
  return dir;
}

/**
 * `terraform init` of each stack. The first stack of each provider set is initialized alone, so the shared plugin
 * cache (`TF_PLUGIN_CACHE_DIR`, not safe for concurrent writes) is filled before the rest run in parallel.
 */
async function initStacks(options: TerraformStacksOptions, dirs: Map<string, string>): Promise<Map<string, Run>> {
  const terraform = options.terraform ?? "terraform";
  const env = options.env ?? process.env;
  const init = (stack: string): Promise<Run> => run(terraform, ["init", "-input=false", "-no-color"], dirs.get(stack)!, env);
  const seen = new Set<string>();
  const first: string[] = [];
  for (const stack of options.stacks) {
    const json = JSON.parse(fs.readFileSync(path.join(dirs.get(stack)!, "cdk.tf.json"), "utf8"));
    const providers = JSON.stringify(json.terraform?.required_providers ?? {});
    if (!seen.has(providers)) [seen.add(providers), first.push(stack)];
  }
  const results = new Map<string, Run>();
  for (const stack of first) results.set(stack, await init(stack));
  const rest = options.stacks.filter((s) => !results.has(s));
  (await bounded(rest, options.parallel ?? 4, init)).forEach((r, i) => results.set(rest[i], r));
  return results;
}

const tail = (text: string): string => text.trim().split("\n").slice(-8).join("\n");

/**
 * Plans the stacks with bounded parallelism: `terraform init`, `terraform plan -detailed-exitcode -out
 * <plans>/<stack>.tfplan`, and the plan's text in `<stack>.txt`; writes `plans.json` (every stack's result).
 * Stacks whose plan changes nothing get no plan file (apply skips them).
 */
export async function planStacks(options: TerraformStacksOptions): Promise<StackPlan[]> {
  const terraform = options.terraform ?? "terraform";
  const env = options.env ?? process.env;
  const plans = path.resolve(options.plans);
  fs.mkdirSync(plans, { recursive: true });
  const dirs = new Map(options.stacks.map((s) => [s, stackDir(options.out, s)]));
  const inits = await initStacks(options, dirs);
  const results = await bounded(options.stacks, options.parallel ?? 4, async (stack): Promise<StackPlan> => {
    const init = inits.get(stack)!;
    if (init.status !== 0) return { stack, result: "error", summary: `terraform init failed:\n${tail(init.output)}` };
    const file = path.join(plans, `${stack}.tfplan`);
    const plan = await run(terraform, ["plan", "-input=false", "-no-color", "-lock-timeout=10m", "-detailed-exitcode", `-out=${file}`], dirs.get(stack)!, env);
    fs.writeFileSync(path.join(plans, `${stack}.txt`), plan.output);
    if (plan.status === 1 || (plan.status !== 0 && plan.status !== 2)) {
      fs.rmSync(file, { force: true });
      return { stack, result: "error", summary: tail(plan.output) };
    }
    const summary = /^(Plan: .*|No changes\..*)$/m.exec(plan.output)?.[1] ?? (plan.status === 2 ? "changes" : "No changes.");
    if (plan.status === 0) fs.rmSync(file, { force: true });
    options.progress?.(`${stack}: ${summary}`);
    return { stack, result: plan.status === 2 ? "changes" : "no-changes", summary };
  });
  fs.writeFileSync(path.join(plans, "plans.json"), `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

/**
 * Applies the reviewed plan files of the stacks (those with changes), stack by stack within the bounded
 * parallelism: `terraform init` then `terraform apply <plans>/<stack>.tfplan`, which refuses a plan whose state
 * moved on. Throws when a plan file is missing for a stack that `plans.json` says has changes.
 */
export async function applyStacks(options: TerraformStacksOptions): Promise<{ stack: string; result: "applied" | "skipped" | "error"; summary: string }[]> {
  const terraform = options.terraform ?? "terraform";
  const env = options.env ?? process.env;
  const plans = path.resolve(options.plans);
  const recorded = fs.existsSync(path.join(plans, "plans.json")) ? (JSON.parse(fs.readFileSync(path.join(plans, "plans.json"), "utf8")) as StackPlan[]) : [];
  const withChanges = options.stacks.filter((s) => recorded.find((p) => p.stack === s)?.result === "changes");
  for (const stack of withChanges) {
    if (!fs.existsSync(path.join(plans, `${stack}.tfplan`))) throw new ReleaseError(`${options.plans}: the plan file of ${stack} is missing; run the plan job again`, ExitCode.BAD_INPUT);
  }
  const dirs = new Map(withChanges.map((s) => [s, stackDir(options.out, s)]));
  const inits = await initStacks({ ...options, stacks: withChanges }, dirs);
  const applied = await bounded(withChanges, options.parallel ?? 4, async (stack) => {
    const init = inits.get(stack)!;
    if (init.status !== 0) return { stack, result: "error" as const, summary: `terraform init failed:\n${tail(init.output)}` };
    const apply = await run(terraform, ["apply", "-input=false", "-no-color", "-lock-timeout=10m", path.join(plans, `${stack}.tfplan`)], dirs.get(stack)!, env);
    const summary = /^(Apply complete!.*)$/m.exec(apply.output)?.[1] ?? tail(apply.output);
    options.progress?.(`${stack}: ${summary}`);
    return { stack, result: apply.status === 0 ? ("applied" as const) : ("error" as const), summary };
  });
  const skipped = options.stacks.filter((s) => !withChanges.includes(s)).map((stack) => ({ stack, result: "skipped" as const, summary: "no changes planned" }));
  return [...applied, ...skipped];
}
