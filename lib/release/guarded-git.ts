import { spawnSync } from "child_process";
import { ExitCode, ReleaseError } from "./errors";
import { GitResult } from "./git";

/**
 * A small watchdog between the command and a `git push`: it starts git as the leader of a process group of its
 * own and kills that whole group (git, its pack-objects, remote helper or local receive-pack) as soon as the
 * command's process is gone, however it ended (`kill -9` included: the watchdog sees its parent change within
 * 20 ms). It also passes SIGINT / SIGTERM / SIGHUP on. So a push never finishes after its command died, unless
 * the remote had already accepted it; git's own ref update on the remote is atomic either way.
 */
const WATCHDOG = `
const { spawn } = require("child_process");
const fs = require("fs");
const parent = Number(process.argv[1]);
const child = spawn("git", process.argv.slice(2), { stdio: "inherit", detached: true });
const parentPid = () => {
  try { return Number(fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\\) /s, "").split(" ")[1]); }
  catch { try { process.kill(parent, 0); return parent; } catch { return 0; } }
};
const stop = (code) => { try { process.kill(-child.pid, "SIGKILL"); } catch {} process.exit(code); };
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(130));
const timer = setInterval(() => { if (parentPid() !== parent) stop(137); }, 20);
child.on("error", (error) => { process.stderr.write("could not run git: " + error.message + "\\n"); process.exit(127); });
child.on("exit", (code, signal) => { clearInterval(timer); process.exit(code === null ? 128 : code); });
`;

/** Runs `git <args>` (a push) under the watchdog; the result is the same as running git directly. */
export function runGuardedGit(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): GitResult {
  const result = spawnSync(process.execPath, ["-e", WATCHDOG, String(process.pid), ...args], {
    cwd,
    env: { ...env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new ReleaseError(`could not run git (${result.error.message}); install git and put it on PATH`, ExitCode.REPOSITORY);
  return { status: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}
