import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { synthNodeOptions } from "../../lib/release/synth-node-options";
import { PROJECT_ROOT, tmpDir } from "../release/support";

const SCRIPT = path.join(PROJECT_ROOT, "scripts", "synth.js");
/**
 * `npm run synth` runs the app in a child only where synthNodeOptions changes NODE_OPTIONS (four cores or fewer):
 * on Linux the script runs on one core (`taskset`, which Node's count of cores follows) wherever the machine has more.
 */
const TASKSET = process.platform === "linux" && spawnSync("taskset", ["--version"]).status === 0;
const ONE_CORE = TASKSET ? ["taskset", "-c", "0", process.execPath] : [process.execPath];
const CHILD_NODE_OPTIONS = synthNodeOptions(undefined, TASKSET ? 1 : undefined);
const inChild = process.platform === "linux" && CHILD_NODE_OPTIONS !== undefined;

/** The environment of a run of the script: NODE_OPTIONS unset, the output in a folder of its own. */
function scriptEnv(outdir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
  delete env.NODE_OPTIONS;
  return env;
}

/** The pids whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function environOf(pid: number): string[] {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
  } catch {
    return [];
  }
}

const alive = (pid: number): boolean => fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));

/** Waits until `check` holds, polling every 10 ms; throws after 20 s. */
async function until<T>(check: () => T | undefined): Promise<T> {
  for (let waited = 0; waited < 20_000; waited += 10) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("timed out");
}

describe("npm run synth (scripts/synth.js)", () => {
  test("synthesizes the reference platform into CDKTF_OUTDIR, emptied first", () => {
    const outdir = path.join(tmpDir("synth-script-"), "out");
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, "stale.txt"), "from an earlier synth");
    const result = spawnSync(process.execPath, [SCRIPT], { env: scriptEnv(outdir), encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(true);
    expect(fs.existsSync(path.join(outdir, "stale.txt"))).toBe(false);
  });

  (inChild ? test : test.skip)("the child gets the synth's NODE_OPTIONS and this process's node options, and a SIGTERM sent to the script alone ends it", async () => {
    const outdir = path.join(tmpDir("synth-script-"), "out");
    const [program, ...programArgs] = ONE_CORE;
    const script = spawn(program, [...programArgs, "--max-old-space-size=3000", SCRIPT, "an-argument"], { env: scriptEnv(outdir), stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => script.on("exit", (_, signal) => resolve(signal)));
    // the child once it runs node (before its exec it is a copy of the script's process)
    const child = await until(() => childrenOf(script.pid!).find((pid) => environOf(pid).includes(`NODE_OPTIONS=${CHILD_NODE_OPTIONS}`)));
    expect(fs.readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0")).toEqual([process.execPath, "--max-old-space-size=3000", SCRIPT, "an-argument", ""]);
    script.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    await until(() => (alive(child) ? undefined : true));
    // the child was ended by the signal, not by finishing the synth
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
  });
});
