import { spawnSync, SpawnSyncOptionsWithStringEncoding, SpawnSyncReturns } from "child_process";
import { ExitCode, ReleaseError } from "./errors";
import { GitResult } from "./git";

/**
 * A small watchdog between the command and a child process that must not outlive it (a `git push`, the cdktf
 * app): it starts the child as the leader of a process group of its own and kills that whole group (git and its
 * pack-objects, remote helper or local receive-pack; the app and what it started) as soon as the command's
 * process is gone, however it ended (`kill -9` included: the watchdog sees its parent change within 20 ms). It
 * also passes SIGINT / SIGTERM / SIGHUP on. So a push never finishes after its command died, unless the remote
 * had already accepted it (git's own ref update on the remote is atomic either way), and an app never writes
 * into the run folder after the command's watcher removed it.
 *
 * Where the system has `setsid` and `/proc` (Linux) the watchdog is a shell script (`SHELL_WATCHDOG`): it adds
 * about 2 ms to a push, where starting Node took 60 ms (six times a local push), and its check every 20 ms
 * costs about a tenth of a core while the program runs (0.58 s of CPU in 6 s, measured alone), on a core the
 * program does not wait for: the reference synth took as long with it (1440 ms, median of 5) as without (1443
 * ms). Elsewhere it is Node (`NODE_WATCHDOG`). Both take the command's pid, the program and its arguments, and
 * exit with its status.
 */
const NODE_WATCHDOG = `
const { spawn } = require("child_process");
const fs = require("fs");
const parent = Number(process.argv[1]);
const child = spawn(process.argv[2], process.argv.slice(3), { stdio: "inherit", detached: true });
const parentPid = () => {
  try { return Number(fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\\) /s, "").split(" ")[1]); }
  catch { try { process.kill(parent, 0); return parent; } catch { return 0; } }
};
const stop = (code) => { try { process.kill(-child.pid, "SIGKILL"); } catch {} process.exit(code); };
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(130));
const timer = setInterval(() => { if (parentPid() !== parent) stop(137); }, 20);
child.on("error", (error) => { process.stderr.write("could not run " + process.argv[2] + ": " + error.message + "\\n"); process.exit(127); });
child.on("exit", (code, signal) => { clearInterval(timer); process.exit(code === null ? 128 : code); });
`;

/**
 * `sh -c SHELL_WATCHDOG watchdog <command pid> <node> <program> <args...>`: the program runs in a session of
 * its own (`setsid`); a watcher subshell, with no hold on the output pipes, compares the watchdog's parent with
 * the command every 20 ms and kills the program's process group once it differs; the watchdog waits for the
 * program and exits with its status. Without `setsid` or `/proc` it runs the Node watchdog instead.
 */
const SHELL_WATCHDOG = `
parent=$1; node=$2; shift 2
if ! command -v setsid >/dev/null 2>&1 || [ ! -r /proc/$$/stat ]; then
  exec "$node" -e "$CDKTF_GITOPS_NODE_WATCHDOG" "$parent" "$@"
fi
setsid "$@" &
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

/**
 * Runs `program <args>` under the watchdog, as `spawnSync` would run it directly (the same status and output;
 * `error` only when no watchdog could start); `options.env` is the program's environment.
 */
export function runGuarded(program: string, args: readonly string[], options: SpawnSyncOptionsWithStringEncoding): SpawnSyncReturns<string> {
  const guarded = { ...options, env: { ...(options.env ?? process.env), CDKTF_GITOPS_NODE_WATCHDOG: NODE_WATCHDOG } };
  const result = spawnSync("sh", ["-c", SHELL_WATCHDOG, "watchdog", String(process.pid), process.execPath, program, ...args], guarded);
  // no POSIX shell (Windows): the Node watchdog directly
  if ((result.error as NodeJS.ErrnoException | undefined)?.code !== "ENOENT") return result;
  return spawnSync(process.execPath, ["-e", NODE_WATCHDOG, String(process.pid), program, ...args], guarded);
}

/** Runs `git <args>` (a push) under the watchdog; the result is the same as running git directly. */
export function runGuardedGit(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): GitResult {
  const result = runGuarded("git", args, { cwd, env: { ...env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new ReleaseError(`could not run git (${result.error.message}); install git and put it on PATH`, ExitCode.REPOSITORY);
  return { status: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}
