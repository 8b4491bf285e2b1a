import { spawnSync, SpawnSyncOptionsWithStringEncoding, SpawnSyncReturns, StdioOptions } from "child_process";
import { ExitCode, ReleaseError } from "./errors";
import { GitResult } from "./git";

/** What a watchdog writes on stderr, before the program's name, when it exits 127 because there is no such program. */
const NOT_FOUND = "cdktf-gitops watchdog: no such program: ";

/**
 * A small watchdog between the command and a child process that must not outlive it (a `git push`, the cdktf
 * app): it starts the child as the leader of a process group of its own and kills that whole group (git and its
 * pack-objects, remote helper or local receive-pack; the app and what it started) as soon as the command's
 * process is gone, however it ended (`kill -9` included). A SIGINT / SIGTERM / SIGHUP sent to the watchdog itself
 * (a `spawnSync` timeout) kills the group too, and the watchdog exits 128 + the signal's number. So a push
 * never finishes after its command died, unless the remote had already accepted it (git's own ref update on the
 * remote is atomic either way), and an app never writes into the run folder after the command's watcher removed
 * it.
 *
 * Where the system has `setsid` (Linux) the watchdog is a shell script (`SHELL_WATCHDOG`), which adds about
 * 4 ms to a push (2 of them for GNU `env`, below), where starting Node took 60 ms. It learns that the command is
 * gone from the end of a pipe the command holds (descriptor 3, which `spawnSync` keeps open until the watchdog
 * exits): the kernel closes the command's end when the command dies, at once, and nothing runs while the
 * program does. (Checking the watchdog's parent every 20 ms, a `sleep` process each time, took 0.5 s of CPU
 * while a 6 s program ran, and up to 20 ms to notice.) Elsewhere it is Node (`NODE_WATCHDOG`), which checks its
 * parent every 20 ms. Both take the command's pid, the program and its arguments, exit with the program's
 * status, and pass descriptor 4 on to the program when they were given one (`passToGuardedApps`). The program
 * gets the command's standard input and signal dispositions (SIGINT and SIGQUIT not ignored, as a shell would
 * have them for a command it starts in the background; but see below for busybox), but no controlling terminal:
 * it cannot prompt for anything (a push runs with `GIT_TERMINAL_PROMPT=0` for that reason), and a Ctrl-C reaches
 * it only through the watchdog, which kills it.
 */
const NODE_WATCHDOG = `
const { spawn } = require("child_process");
const fs = require("fs");
try { fs.closeSync(3); } catch {}
const parent = Number(process.argv[1]);
const passed = process.env.CDKTF_GITOPS_WATCHDOG_FD === "4";
delete process.env.CDKTF_GITOPS_WATCHDOG_FD;
delete process.env.CDKTF_GITOPS_NODE_WATCHDOG;
const child = spawn(process.argv[2], process.argv.slice(3), { stdio: passed ? ["inherit", "inherit", "inherit", "ignore", 4] : "inherit", detached: true });
const parentPid = () => {
  try { return Number(fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\\) /s, "").split(" ")[1]); }
  catch { try { process.kill(parent, 0); return parent; } catch { return 0; } }
};
const status = (signal) => 128 + (require("os").constants.signals[signal] ?? 0);
const stop = (code) => { try { process.kill(-child.pid, "SIGKILL"); } catch {} process.exit(code); };
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(status(signal)));
const timer = setInterval(() => { if (parentPid() !== parent) stop(137); }, 20);
child.on("error", (error) => {
  process.stderr.write(error.code === "ENOENT" ? "${NOT_FOUND}" + process.argv[2] + "\\n" : "could not run " + process.argv[2] + ": " + error.message + "\\n");
  process.exit(error.code === "ENOENT" ? 127 : 126);
});
child.on("exit", (code, signal) => { clearInterval(timer); process.exit(code ?? status(signal)); });
`;

/**
 * `sh -c SHELL_WATCHDOG watchdog <command pid> <node> <program> <args...>`: the program runs in a session of
 * its own (`setsid`), without the command's pipe; a watcher, with no hold on the output pipes, reads the pipe,
 * which ends only when the command is gone, and then kills the program's process group; the watchdog waits for
 * the program (`2>/dev/null`: dash reports a killed one on stderr, which is the dead command's pipe, and the
 * write would kill the watchdog with SIGPIPE before it stops the others), stops the watcher and exits with the
 * program's status. The watcher holds the pipe, and `spawnSync` waits for every holder: should the watchdog
 * itself be killed on its own (`kill -9`), a guard that checks every second stops the watcher, so the command
 * goes on once the program ended (a check a second costs next to nothing, and the first comes after a second, so
 * that a watcher started when the command and the watchdog were both gone has killed the program by then). The
 * guard starts the watcher, in a session of their own, and kills that session's process group (the watcher, its
 * `sleep`, itself): had the watchdog started them one after the other, a watchdog killed in between left a
 * watcher that nothing stopped, and the command waited for ever. The guard takes a watchdog that is a zombie for gone (under a PID 1 that
 * never reaps, as in a container, it would stay one), holds the pipe too, and runs in `/` (a `sleep` left
 * behind, or one still dying when `spawnSync` returns, would be in the command's folder).
 * Where there is no `sleep` it waits for the command's end instead of checking (rather than spin, or exit early:
 * the watchdog's last kill would then hit whatever process got its pid). This relies on libuv's pipes for a child's
 * descriptors being socket pairs, which the child can read from whichever way they were meant. Without `setsid`
 * it runs the Node watchdog instead. The program inherits descriptor 4 as the shell does; the watcher and the
 * guard close it, so that only the program and what it started hold it.
 *
 * The watcher and the guard are ended with SIGKILL: dash loses a SIGTERM that reaches a subshell it has just
 * started while it has a TERM trap of its own (58 of 300 survived one), and a watcher left reading would keep
 * `spawnSync` waiting for ever (2 of 6,000 fast pushes hung so, 42 more took a second longer). The traps come
 * first, so a signal at any moment ends the program (`stop` and `end` use `$!` for the process started last
 * while its variable is not set yet); one that comes before the shell runs its first line kills it with that
 * signal. A command that dies before `setsid` made the program's (or the guard's) process group leaves no group
 * to kill: `kill_group` then kills the process, and the group once more in case it was made meanwhile. The
 * program's standard input is the shell's, through descriptor 5 (an explicit redirection: otherwise a background
 * command reads /dev/null); GNU `env --default-signal`, run before `setsid` (so that a program whose path holds
 * a `=` stays the program), undoes the SIGINT / SIGQUIT a shell ignores in a background command; where `env` is
 * not GNU's (busybox, as on Alpine) they stay ignored. A program that is not on `PATH` (a shell builtin's name
 * included) or not a file is reported as `NOT_FOUND`, which `runGuarded` turns into the `ENOENT` error
 * `spawnSync` gives; one that is not executable exits 126, where `spawnSync` gives `EACCES`.
 */
const SHELL_WATCHDOG = `
child= guard=
kill_group() {
  [ -z "$1" ] || kill -KILL -"$1" 2>/dev/null || { kill -KILL "$1"; kill -KILL -"$1"; } 2>/dev/null
}
stop() { kill_group "\${child:-$!}"; }
end() {
  stop; kill_group "\${guard:-\${child:+$!}}"
  exit "$1"
}
trap 'end 129' HUP; trap 'end 130' INT; trap 'end 143' TERM
parent=$1; node=$2; shift 2
if ! command -v setsid >/dev/null 2>&1; then
  exec "$node" -e "$CDKTF_GITOPS_NODE_WATCHDOG" "$parent" "$@"
fi
unset CDKTF_GITOPS_WATCHDOG_FD CDKTF_GITOPS_NODE_WATCHDOG
found=
case $1 in
*/*) [ -f "$1" ] && found=1 ;;
*) set -f; IFS=:
   for dir in $PATH; do [ -f "\${dir:-.}/$1" ] && [ -x "\${dir:-.}/$1" ] && { found=1; break; }; done
   unset IFS; set +f ;;
esac
[ -n "$found" ] || { printf '%s\\n' "${NOT_FOUND}$1" >&2; exit 127; }
reset=
if env --default-signal=INT,QUIT --version >/dev/null 2>&1; then reset="env --default-signal=INT,QUIT"; fi
exec 5<&0
$reset setsid "$@" <&5 5<&- 3<&- &
child=$!
exec 5<&-
(cd / && exec setsid sh -c '
  (
    read -r _ <&3
    kill -KILL -"$2" 2>/dev/null || { kill -KILL "$2"; kill -KILL -"$2"; } 2>/dev/null
  ) &
  alive() {
    if { read -r stat </proc/$1/stat; } 2>/dev/null; then set -- \${stat##*) }; [ "$1" != Z ]; else kill -0 "$1" 2>/dev/null; fi
  }
  while sleep 1 3<&- || [ $? -ne 127 ] || { read -r _ <&3; exit 0; }; alive "$1"; do :; done
  kill -KILL 0
' guard $$ "$child") </dev/null >/dev/null 2>&1 4>&- &
guard=$!
exec 3<&-
wait "$child" 2>/dev/null
status=$?
kill_group "$guard"
exit "$status"
`;

/** The descriptor that apps run under the watchdog inherit as their descriptor 4, if any. */
let passedDescriptor: () => number | undefined = () => undefined;

/**
 * Every app run under the watchdog from now on (`runGuarded` with `app`) inherits `descriptor()` (when it
 * returns one) as its descriptor 4, and so does what the app starts, so the descriptor stays open until the last
 * of them is gone. The command passes its end of the run-folder watcher's pipe (bin/cdktf-gitops.js): the
 * watcher, which removes the run folder when the pipe closes, then waits for a killed command's app too, which
 * otherwise could live on for a moment after the folder was removed, and write into it again. A push does not
 * get it: it writes nothing there, and a helper daemon git starts (`git credential-cache`) would keep the
 * folder for as long as it lives.
 */
export function passToGuardedApps(descriptor: () => number | undefined): void {
  passedDescriptor = descriptor;
}

/**
 * The watchdog's descriptors: `stdio`'s three standard streams, the pipe that tells it the command is gone
 * (3), and `descriptor` (4), if any.
 */
function watchdogStdio(stdio: SpawnSyncOptionsWithStringEncoding["stdio"], descriptor: number | undefined): StdioOptions {
  const streams = Array.isArray(stdio) ? stdio.slice(0, 3) : [stdio ?? "pipe", stdio ?? "pipe", stdio ?? "pipe"];
  while (streams.length < 3) streams.push("pipe");
  return descriptor === undefined || descriptor < 0 ? [...streams, "pipe"] : [...streams, "pipe", descriptor];
}

/**
 * Runs `program <args>` under the watchdog, as `spawnSync` would run it directly (the same output and status,
 * but that a program killed by a signal exits with 128 + its number, as a shell reports it; `error` only when
 * no watchdog could start); `options.env` is the program's environment. `app`: the program is the cdktf app,
 * which inherits the descriptor of `passToGuardedApps`.
 */
export function runGuarded(program: string, args: readonly string[], options: SpawnSyncOptionsWithStringEncoding, app = false): SpawnSyncReturns<string> {
  const stdio = watchdogStdio(options.stdio, app ? passedDescriptor() : undefined);
  const passes = stdio.length > 4 ? { CDKTF_GITOPS_WATCHDOG_FD: "4" } : {};
  const guarded = { ...options, stdio, env: { ...(options.env ?? process.env), CDKTF_GITOPS_NODE_WATCHDOG: NODE_WATCHDOG, ...passes } };
  let result = spawnSync("sh", ["-c", SHELL_WATCHDOG, "watchdog", String(process.pid), process.execPath, program, ...args], guarded);
  // no POSIX shell (Windows): the Node watchdog directly
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") result = spawnSync(process.execPath, ["-e", NODE_WATCHDOG, String(process.pid), program, ...args], guarded);
  return asProgramResult(result, program, args);
}

/**
 * The watchdog's result as if `spawnSync` had run the program directly: an error (the output too large, a
 * timeout) names the program rather than the watchdog, and no such program is an `ENOENT` error.
 */
function asProgramResult(result: SpawnSyncReturns<string>, program: string, args: readonly string[]): SpawnSyncReturns<string> {
  const missing = result.status === 127 && result.stderr === `${NOT_FOUND}${program}\n`;
  const code = missing ? "ENOENT" : (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (!code) return result;
  const error = Object.assign(new Error(`spawnSync ${program} ${code}`), { code, syscall: `spawnSync ${program}`, path: program, spawnargs: [...args] });
  return missing ? { ...result, error, status: null, stderr: "" } : { ...result, error };
}

/** Runs `git <args>` (a push) under the watchdog; the result is the same as running git directly. */
export function runGuardedGit(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): GitResult {
  const result = runGuarded("git", args, { cwd, env: { ...env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") throw new ReleaseError(`could not run git (${result.error?.message}); install git and put it on PATH`, ExitCode.REPOSITORY);
  if (result.error) throw new ReleaseError(`git ${args[0]} failed: ${result.error.message}`, ExitCode.REPOSITORY);
  return { status: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
}
