import * as fs from "fs";
import * as path from "path";
import { cli, testEnv, tmpDir } from "./support";

/**
 * A stand-in for terraform on PATH: `init` succeeds; `plan` exits 2 (changes) for stacks whose name contains
 * "changed", 1 for "broken", else 0, writing the -out file; `apply` records the plan file it was given. Every call
 * notes how many calls run at once and, with FAKE_TF_HOLD set, takes that many seconds, so that calls the bound on
 * parallelism lets run together overlap and the bound can be checked. A shell script, like the release tests'
 * fake synth: a node process would cost 45 ms of CPU before it ran any code, 47 times in this file.
 */
const FAKE_TERRAFORM = `#!/bin/sh
log=$FAKE_TF_LOG
me="$log/running/$$"
: >"$me"
count() { now=$#; }
count "$log"/running/*
max=0
if [ -f "$log/max" ]; then read -r max <"$log/max"; fi
if [ "$now" -gt "$max" ]; then echo "$now" >"$log/max"; fi
if [ -n "\${FAKE_TF_HOLD:-}" ]; then sleep "$FAKE_TF_HOLD"; fi
stack=\${PWD##*/}
command=$1
shift
echo "$stack $command $*" >>"$log/calls"
rm -f "$me"
case $command in
  plan)
    case $stack in *broken*) echo "Error: something is wrong" >&2; exit 1 ;; esac
    for arg in "$@"; do case $arg in -out=*) printf "plan of %s" "$stack" >"\${arg#-out=}" ;; esac; done
    case $stack in *changed*) echo "Plan: 1 to add, 0 to change, 0 to destroy."; exit 2 ;; esac
    echo "No changes. Your infrastructure matches the configuration." ;;
  apply) echo "Apply complete! Resources: 1 added, 0 changed, 0 destroyed." ;;
esac
exit 0
`;

function setup(stacks: Record<string, string[]>): { out: string; plans: string; log: string; env: NodeJS.ProcessEnv; dir: string } {
  const dir = tmpDir("tf-stacks-");
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "terraform"), FAKE_TERRAFORM, { mode: 0o755 });
  const out = path.join(dir, "cdktf.out");
  const manifest: Record<string, unknown> = {};
  for (const [name, dependencies] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(out, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(out, "stacks", name, "cdk.tf.json"), JSON.stringify({ terraform: { required_providers: { azurerm: { version: "4.55.0" } } } }));
    manifest[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, dependencies };
  }
  fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ stacks: manifest }));
  fs.writeFileSync(path.join(dir, "cdktf.json"), "{}");
  const log = path.join(dir, "log");
  fs.mkdirSync(path.join(log, "running"), { recursive: true });
  return { out, plans: path.join(dir, "plans"), log, dir, env: testEnv({ PATH: `${bin}:${process.env.PATH}`, FAKE_TF_LOG: log }) };
}

const changes = (environment: string, stacks: [string, number, boolean][]) => ({
  environment,
  stacks: stacks.map(([name, layer, ready]) => ({ name, layer, status: "changed", ready, upstream: [] })),
  layers: [],
  bootstrap: [],
});

describe("stacks plan and apply", () => {
  test("plans one layer's touched stacks with bounded parallelism, and applies exactly the plans with changes", async () => {
    const names = ["dev-app-a-changed", "dev-app-b", "dev-app-c-changed", "dev-app-d", "dev-app-e", "dev-app-f"];
    const t = setup({ "dev-platform": [], ...Object.fromEntries(names.map((n) => [n, ["dev-platform"]])) });
    const env = { ...t.env, FAKE_TF_HOLD: "0.1" };
    const file = path.join(t.dir, "dev.json");
    fs.writeFileSync(file, JSON.stringify(changes("dev", [["dev-platform", 0, true], ...names.map((n) => [n, 1, false] as [string, number, boolean])])));
    const plan = await cli(t.dir, env, "stacks", "plan", "--env", "dev", "--out", t.out, "--changes", file, "--layer", "1", "--plans", t.plans, "--parallel", "2", "--json", "--quiet");
    expect(plan.code).toBe(0);
    const results = JSON.parse(plan.stdout).plans;
    expect(results.map((r: any) => [r.stack, r.result])).toEqual(names.map((n) => [n, n.includes("changed") ? "changes" : "no-changes"]));
    expect(Number(fs.readFileSync(path.join(t.log, "max"), "utf8"))).toBeLessThanOrEqual(2);
    expect(fs.readdirSync(t.plans).filter((f) => f.endsWith(".tfplan")).sort()).toEqual(["dev-app-a-changed.tfplan", "dev-app-c-changed.tfplan"]);
    expect(fs.readFileSync(path.join(t.log, "calls"), "utf8")).not.toContain("dev-platform");

    const apply = await cli(t.dir, env, "stacks", "apply", "--env", "dev", "--out", t.out, "--changes", file, "--layer", "1", "--plans", t.plans, "--json", "--quiet");
    expect(apply.code).toBe(0);
    const applied = JSON.parse(apply.stdout).applies.filter((a: any) => a.result === "applied").map((a: any) => a.stack);
    expect(applied).toEqual(["dev-app-a-changed", "dev-app-c-changed"]);
    const calls = fs.readFileSync(path.join(t.log, "calls"), "utf8").split("\n").filter((l) => l.includes(" apply "));
    expect(calls.sort()).toEqual([`dev-app-a-changed apply -input=false -no-color -lock-timeout=10m ${t.plans}/dev-app-a-changed.tfplan`, `dev-app-c-changed apply -input=false -no-color -lock-timeout=10m ${t.plans}/dev-app-c-changed.tfplan`]);
  });

  test("--ready plans only stacks with nothing touched upstream", async () => {
    const t = setup({ "dev-platform-changed": [], "dev-gitops": ["dev-platform-changed"] });
    const file = path.join(t.dir, "dev.json");
    fs.writeFileSync(file, JSON.stringify(changes("dev", [["dev-platform-changed", 0, true], ["dev-gitops", 1, false]])));
    const plan = await cli(t.dir, t.env, "stacks", "plan", "--env", "dev", "--out", t.out, "--changes", file, "--ready", "--plans", t.plans, "--json", "--quiet");
    expect(JSON.parse(plan.stdout).plans.map((r: any) => r.stack)).toEqual(["dev-platform-changed"]);
  });

  test("--all is drift detection: exit code 1 when any stack would change", async () => {
    const t = setup({ "dev-platform": [], "dev-app-x-changed": ["dev-platform"], "prod-platform-changed": [] });
    const plan = await cli(t.dir, t.env, "stacks", "plan", "--env", "dev", "--out", t.out, "--all", "--plans", t.plans, "--json", "--quiet");
    expect(plan.code).toBe(1);
    expect(JSON.parse(plan.stdout).plans.map((r: any) => [r.stack, r.result])).toEqual([["dev-app-x-changed", "changes"], ["dev-platform", "no-changes"]]);
    const clean = setup({ "dev-platform": [] });
    expect((await cli(clean.dir, clean.env, "stacks", "plan", "--env", "dev", "--out", clean.out, "--all", "--plans", clean.plans, "--quiet")).code).toBe(0);
  });

  test("a failing plan fails the command and names the stack", async () => {
    const t = setup({ "dev-broken": [] });
    const plan = await cli(t.dir, t.env, "stacks", "plan", "--env", "dev", "--out", t.out, "--all", "--plans", t.plans, "--quiet");
    expect(plan.code).toBe(5);
    expect(plan.stderr).toContain("terraform failed for dev-broken");
    expect(fs.readFileSync(path.join(t.plans, "dev-broken.txt"), "utf8")).toContain("Error: something is wrong");
  });

  test("apply refuses when a plan file with changes is missing, and a changes file of another environment", async () => {
    const t = setup({ "dev-app-changed": [] });
    const file = path.join(t.dir, "dev.json");
    fs.writeFileSync(file, JSON.stringify(changes("dev", [["dev-app-changed", 0, true]])));
    await cli(t.dir, t.env, "stacks", "plan", "--env", "dev", "--out", t.out, "--changes", file, "--plans", t.plans, "--quiet");
    fs.rmSync(path.join(t.plans, "dev-app-changed.tfplan"));
    const apply = await cli(t.dir, t.env, "stacks", "apply", "--env", "dev", "--out", t.out, "--changes", file, "--plans", t.plans, "--quiet");
    expect(apply.code).toBe(2);
    expect(apply.stderr).toContain("the plan file of dev-app-changed is missing");
    const other = await cli(t.dir, t.env, "stacks", "apply", "--env", "prod", "--out", t.out, "--changes", file, "--plans", t.plans, "--quiet");
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('describes environment "dev", not "prod"');
  });
});
