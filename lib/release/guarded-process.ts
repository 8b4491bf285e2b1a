import { spawnSync } from "child_process";
import { ExitCode, ReleaseError } from "./errors";
import { GitResult } from "./git";

/**
 * A small watchdog between the command and a `git push`: it starts git as the leader of a process group of its
 * own and kills that whole group (git, its pack-objects, remote helper or local receive-pack) as soon as the
 * command's process is gone, however it ended (`kill -9` included: the watchdog sees its parent change within
 * 20 ms). It also passes SIGINT / SIGTERM / SIGHUP on. So a push never finishes after its command died, unless
 * the remote had already accepted it; git's own ref update on the remote is atomic either way.
 *
 * Where the system has `setsid` and `/proc` (Linux) the watchdog is a shell script (`SHELL_WATCHDOG`): it adds
 * about 2 ms to a push, where starting Node took 60 ms (six times a local push). Elsewhere it is Node
 * (`NODE_WATCHDOG`). Both take the command's pid and git's arguments, and exit with git's status.
 */
const NODE_WATCHDOG = `
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

/**
 * `sh -c SHELL_WATCHDOG watchdog <command pid> <node> <git args...>`: git runs in a session of its own
 * (`setsid`); a watcher subshell, with no hold on the output pipes, compares the watchdog's parent with the
 * command every 20 ms and kills git's process group once it differs; the watchdog waits for git and exits with
 * its status. Without `setsid` or `/proc` it runs the Node watchdog instead.
 */
const SHELL_WATCHDOG = `
parent=$1; node=$2; shift 2
if ! command -v setsid >/dev/null 2>&1 || [ ! -r /proc/$$/stat ]; then
  exec "$node" -e "$CDKTF_GITOPS_NODE_WATCHDOG" "$parent" "$@"
fi
setsid git "$@" &
child=$!
(
  while kill -0 "$child" 2>/dev/null; do
    read -r stat < /proc/$$/stat || exit 0
    set -- \${stat##*) }
    if [ "$2" != "$parent" ]; then kill -KILL -"$child" 2>/dev/null; exit 0; fi
    sleep 0.02
  done
) </dev/null >/dev/null 2>&1 &
watcher=$!
trap 'kill -KILL -"$child" 2>/dev/null; kill "$watcher" 2>/dev/null; exit 130' INT TERM HUP
wait "$child"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
`;

/** Runs `git <args>` (a push) under the watchdog; the result is the same as running git directly. */
export function runGuardedGit(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): GitResult {
  const options = {
    cwd,
    env: { ...env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", CDKTF_GITOPS_NODE_WATCHDOG: NODE_WATCHDOG },
    encoding: "utf8" as const,
    maxBuffer: 64 * 1024 * 1024,
  };
  let result = spawnSync("sh", ["-c", SHELL_WATCHDOG, "watchdog", String(process.pid), process.execPath, ...args], options);
  // no POSIX shell (Windows): the Node watchdog directly
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") result = spawnSync(process.execPath, ["-e", NODE_WATCHDOG, String(process.pid), ...args], options);
  if (result.error) throw new ReleaseError(`could not run git (${result.error.message}); install git and put it on PATH`, ExitCode.REPOSITORY);
  return { status: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}
