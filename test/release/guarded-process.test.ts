import { execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { passToGuardedApps, runGuarded, runGuardedGit } from "../../lib/release/guarded-process";
import { commandPath, processesIn, tmpDir } from "./support";

/** A PATH holding only `commands`; without setsid, the watchdog falls back to Node. */
function pathWith(commands: string[]): string {
  const bin = tmpDir("guarded-bin-");
  for (const command of commands) fs.symlinkSync(commandPath(command), path.join(bin, command));
  return bin;
}

/** A PATH holding only sh and git: no setsid, so the watchdog falls back to Node. */
function pathWithoutSetsid(): string {
  return pathWith(["sh", "git"]);
}

/** The environments of the two watchdogs: the shell one (this machine's PATH) and the Node one (no setsid). */
function bothWatchdogs(): NodeJS.ProcessEnv[] {
  return [process.env, { ...process.env, PATH: pathWithoutSetsid() }];
}

/** Whether the process `pid` is gone (or a zombie, which nothing runs in any more). */
function gone(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").startsWith("Z");
  } catch {
    return true;
  }
}

/** The pid a program wrote to `file`, once it has (after at most 5 s), or undefined. */
async function pidIn(file: string, waitMs = 5000): Promise<number | undefined> {
  for (let waited = 0; waited < waitMs && !fs.existsSync(file); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : undefined;
}

const GUARDED_PROCESS = path.join(__dirname, "..", "..", "lib", "release", "guarded-process.ts");

/** A command (a Node process, a process group leader if `leader`) that runs `code` with `runGuarded` in scope. */
function spawnCommand(code: string, env: NodeJS.ProcessEnv, leader = false) {
  const script = `const { runGuarded } = require(${JSON.stringify(GUARDED_PROCESS)});\n${code}`;
  return spawn(process.execPath, ["-r", path.join(__dirname, "..", "..", "register.js"), "-e", script], { env: { ...process.env, ...env }, stdio: "ignore", detached: leader });
}

/** Whether the program that writes its pid to `pidFile` never started (within 1.5 s) or is gone within 2 s. */
async function killedIfStarted(pidFile: string): Promise<boolean> {
  const pid = await pidIn(pidFile, 1500);
  for (let waited = 0; pid !== undefined && !gone(pid) && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  return pid === undefined || gone(pid);
}

describe("runGuardedGit", () => {
  const cases: [string, string[]][] = [
    ["a command that succeeds", ["--version"]],
    ["a command that fails, with its message", ["rev-parse", "--verify", "refs/heads/none"]],
  ];
  for (const [what, args] of cases) {
    test(`${what}: the same status, stdout and stderr as git itself, with the shell watchdog and with the Node one`, () => {
      const cwd = tmpDir("guarded-git-");
      execFileSync("git", ["init", "--quiet", cwd]);
      const direct = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
      const expected = { status: direct.status, stdout: direct.stdout, stderr: direct.stderr };
      expect(runGuardedGit(args, cwd, process.env)).toEqual(expected);
      expect(runGuardedGit(args, cwd, { ...process.env, PATH: pathWithoutSetsid() })).toEqual(expected);
    });
  }
});

describe("runGuarded", () => {
  test("any program: the same status, stdout and stderr as run directly, with the shell watchdog and with the Node one", () => {
    const args = ["-c", 'echo "out $0"; echo err >&2; exit 3', "word with spaces"];
    const direct = spawnSync("sh", args, { encoding: "utf8" });
    expect(direct.status).toBe(3);
    const expected = { status: direct.status, stdout: direct.stdout, stderr: direct.stderr };
    const guarded = (env: NodeJS.ProcessEnv) => {
      const result = runGuarded(commandPath("sh"), args, { encoding: "utf8", env });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    expect(guarded(process.env)).toEqual(expected);
    expect(guarded({ ...process.env, PATH: pathWithoutSetsid() })).toEqual(expected);
  });

  test("passes the descriptor it was given on to an app as descriptor 4, with the shell watchdog and the Node one, and neither the command's pipe (3) nor a variable of its own", () => {
    const held = path.join(tmpDir("guarded-fd-"), "held");
    const descriptor = fs.openSync(held, "w");
    passToGuardedApps(() => descriptor);
    try {
      const app = 'echo "$0" >&4; (true >&3) 2>/dev/null && echo "descriptor 3 is open"; env | grep "^CDKTF_GITOPS_" || true';
      expect(runGuarded(commandPath("sh"), ["-c", app, "shell"], { encoding: "utf8", env: process.env }, true)).toMatchObject({ status: 0, stdout: "" });
      expect(runGuarded(commandPath("sh"), ["-c", app, "node"], { encoding: "utf8", env: { ...process.env, PATH: pathWithoutSetsid() } }, true)).toMatchObject({ status: 0, stdout: "" });
      // a program that is not the app (a push) gets neither
      const push = '(true >&4) 2>/dev/null && echo "descriptor 4 is open"; (true >&3) 2>/dev/null && echo "descriptor 3 is open"; true';
      expect(runGuarded(commandPath("sh"), ["-c", push], { encoding: "utf8", env: process.env })).toMatchObject({ status: 0, stdout: "" });
    } finally {
      passToGuardedApps(() => undefined);
      fs.closeSync(descriptor);
    }
    expect(fs.readFileSync(held, "utf8")).toBe("shell\nnode\n");
  });

  test("a program killed by a signal: the status 128 + its number, and no word of the watchdog in its stderr, with the shell watchdog and the Node one", () => {
    for (const env of [process.env, { ...process.env, PATH: pathWithoutSetsid() }]) {
      expect(runGuarded(commandPath("sh"), ["-c", "echo out; kill -KILL $$"], { encoding: "utf8", env })).toMatchObject({ status: 137, stdout: "out\n", stderr: "" });
    }
  });

  test("a program whose path holds a \"=\" or a space runs as itself, with the shell watchdog and the Node one", () => {
    const folder = path.join(tmpDir("guarded-names-"), "dir=x y");
    fs.mkdirSync(folder);
    const program = path.join(folder, "prog");
    fs.writeFileSync(program, `#!${commandPath("sh")}\necho "ran $0 $*"\n`, { mode: 0o755 });
    for (const env of bothWatchdogs()) {
      expect(runGuarded(program, ["echo", "b"], { encoding: "utf8", env })).toMatchObject({ status: 0, stdout: `ran ${program} echo b\n` });
    }
  });

  test("a program named like a shell builtin is the file on PATH, with the shell watchdog and the Node one", () => {
    // `command -v printf` names the builtin, so the file is looked for here
    const printf = path.join(process.env.PATH!.split(":").find((dir) => fs.existsSync(path.join(dir, "printf")))!, "printf");
    const direct = spawnSync(printf, ["--version"], { encoding: "utf8" });
    expect(direct.stdout).toContain("printf");
    const withoutSetsid = pathWithoutSetsid();
    fs.symlinkSync(printf, path.join(withoutSetsid, "printf"));
    for (const env of [process.env, { ...process.env, PATH: withoutSetsid }]) expect(runGuarded("printf", ["--version"], { encoding: "utf8", env }).stdout).toBe(direct.stdout);
  });

  test("a program that signals its own process group (`kill -TERM 0`, a common clean-up) ends as run directly, with the shell watchdog and the Node one", () => {
    // the watchdog's own processes are outside the program's group, so the signal reaches only the program's
    const args = ["-c", 'trap "" TERM; sleep 0.05 & kill -TERM 0; wait; echo done'];
    for (const env of bothWatchdogs()) expect(runGuarded(commandPath("sh"), args, { encoding: "utf8", env })).toMatchObject({ status: 0, stdout: "done\n" });
  });

  test("what the program leaves running outlives it, as when run directly: git's credential-cache daemon keeps the credential", () => {
    const socket = path.join(tmpDir("guarded-credentials-"), "socket");
    const store = runGuarded("git", ["credential-cache", "--socket", socket, "store"], { encoding: "utf8", input: "protocol=https\nhost=example.com\nusername=u\npassword=secret\n\n" });
    try {
      expect(store.status).toBe(0);
      const get = spawnSync("git", ["credential-cache", "--socket", socket, "get"], { encoding: "utf8", input: "protocol=https\nhost=example.com\n\n" });
      expect(get.stdout).toBe("username=u\npassword=secret\n");
    } finally {
      spawnSync("git", ["credential-cache", "--socket", socket, "exit"]);
    }
  });

  test("passes the command's standard input on to the program, with the shell watchdog and the Node one", () => {
    for (const env of bothWatchdogs()) {
      expect(runGuarded(commandPath("cat"), [], { encoding: "utf8", env, input: "from the command\n" })).toMatchObject({ status: 0, stdout: "from the command\n" });
    }
  });

  (fs.existsSync("/proc/self/status") ? test : test.skip)("the program ignores the signals it would ignore when run directly (not SIGINT and SIGQUIT, as a shell's background command does), with the shell watchdog and the Node one", () => {
    const ignored = (result: { stdout: string }) => result.stdout.trim();
    const direct = ignored(spawnSync(commandPath("grep"), ["SigIgn", "/proc/self/status"], { encoding: "utf8" }));
    // SIGINT is signal 2 and SIGQUIT 3, bits 1 and 2 of the mask
    expect(Number.parseInt(direct.split(/\s+/)[1], 16) & 0b110).toBe(0);
    for (const env of bothWatchdogs()) {
      expect(ignored(runGuarded(commandPath("grep"), ["SigIgn", "/proc/self/status"], { encoding: "utf8", env }))).toBe(direct);
    }
  });

  test("a program that does not exist (a shell builtin's name, a name with a backslash): the ENOENT error spawnSync gives, with the shell watchdog and the Node one; a push says to install git", () => {
    for (const program of ["no-such-program", "cd", "no\\tsuch", "./missing"]) {
      const direct = spawnSync(program, ["x"], { encoding: "utf8" });
      for (const env of bothWatchdogs()) {
        const result = runGuarded(program, ["x"], { encoding: "utf8", env });
        expect({ status: result.status, code: (result.error as NodeJS.ErrnoException).code, message: result.error?.message }).toEqual({ status: direct.status, code: "ENOENT", message: direct.error?.message });
      }
    }
    for (const commands of [["sh", "setsid"], ["sh"]]) {
      expect(() => runGuardedGit(["--version"], tmpDir(), { ...process.env, PATH: pathWith(commands) })).toThrow("could not run git (spawnSync git ENOENT); install git and put it on PATH");
    }
  });

  test("a watchdog stopped by spawnSync (a timeout) kills the program and exits 128 + the signal's number, with an error that names the program, with the shell watchdog and the Node one", async () => {
    for (const env of bothWatchdogs()) {
      const pidFile = path.join(tmpDir("guarded-timeout-"), "pid");
      const result = runGuarded(commandPath("sh"), ["-c", 'echo $$ > "$0"; exec "$1" 30', pidFile, commandPath("sleep")], { encoding: "utf8", env, timeout: 1000 });
      expect({ status: result.status, message: result.error?.message }).toEqual({ status: 143, message: `spawnSync ${commandPath("sh")} ETIMEDOUT` });
      const pid = await pidIn(pidFile);
      expect(pid && gone(pid)).toBe(true);
    }
  });

  test("a command that dies before the program's process group exists: the program is killed all the same", async () => {
    // a setsid that takes its time: the command is killed while it waits, before the group is made
    const bin = tmpDir("guarded-slow-setsid-");
    const started = path.join(bin, "started");
    fs.writeFileSync(path.join(bin, "setsid"), `#!/bin/sh\ntouch ${started}\nsleep 0.5\nexec ${commandPath("setsid")} "$@"\n`, { mode: 0o755 });
    const pidFile = path.join(bin, "pid");
    const command = spawnCommand(`runGuarded("sh", ["-c", 'echo $$ > "$0"; exec sleep 30', ${JSON.stringify(pidFile)}], { encoding: "utf8" });`, { PATH: `${bin}:${process.env.PATH}` });
    expect(await pidIn(started)).toBe(0);
    command.kill("SIGKILL");
    // the slow setsid would have started the program by now; the watcher, started behind the guard's (as slow)
    // setsid, kills it once it can
    expect(await killedIfStarted(pidFile)).toBe(true);
  });

  test("a kill of the command's whole process group while the guard starts: the watcher, started behind it, kills the program", async () => {
    // a setsid that waits in the guard's new session: the kill misses the guard, which goes on to start the watcher
    const bin = tmpDir("guarded-group-kill-");
    const started = path.join(bin, "started");
    const setsid = commandPath("setsid");
    fs.writeFileSync(path.join(bin, "setsid"), `#!/bin/sh\n[ "$1" = sh ] && exec ${setsid} sh -c 'touch ${started}; sleep 0.5; exec "$@"' shim "$@"\nexec ${setsid} "$@"\n`, { mode: 0o755 });
    const pidFile = path.join(bin, "pid");
    // the program by its path, so that the shim slows only the guard's setsid
    const script = `runGuarded(${JSON.stringify(commandPath("sh"))}, ["-c", 'echo $$ > "$0"; exec sleep 30', ${JSON.stringify(pidFile)}], { encoding: "utf8" });`;
    const command = spawnCommand(script, { PATH: `${bin}:${process.env.PATH}` }, true);
    expect(await pidIn(started)).toBe(0);
    process.kill(-command.pid!, "SIGKILL");
    expect(await killedIfStarted(pidFile)).toBe(true);
  });

  test("leaves no process behind once the program ended, with the shell watchdog and the Node one (none in its folder)", () => {
    for (const env of bothWatchdogs()) {
      const cwd = tmpDir("guarded-left-");
      // long enough for the guard to be in its check's sleep when the program ends
      expect(runGuarded(commandPath("sh"), ["-c", `${commandPath("sleep")} 1.2`], { encoding: "utf8", env, cwd }).status).toBe(0);
      expect(processesIn(cwd)).toEqual([]);
    }
  });

  test("a watchdog killed on its own (kill -9) leaves the program running, and the command goes on once the program ended", () => {
    // the watchdog: the command's child, found from the program up (so the test holds whatever runs between them)
    const killWatchdog = 'p=$PPID; while [ "$p" -gt 1 ] && read -r _ _ _ pp _ </proc/$p/stat; do [ "$pp" = "$0" ] && { kill -KILL "$p"; break; }; p=$pp; done';
    const script = `const { runGuarded } = require(${JSON.stringify(GUARDED_PROCESS)});\nconst r = runGuarded("sh", ["-c", ${JSON.stringify(`${killWatchdog}; sleep 0.2; echo ended`)}, String(process.pid)], { encoding: "utf8" });\nprocess.stdout.write(JSON.stringify({ signal: r.signal, stdout: r.stdout }));`;
    for (const env of bothWatchdogs()) {
      // in a process of its own, so that a command left waiting is stopped (by the timeout) rather than the test
      const command = spawnSync(process.execPath, ["-r", path.join(__dirname, "..", "..", "register.js"), "-e", script], { encoding: "utf8", env, timeout: 20000 });
      expect(command.error).toBeUndefined();
      expect(JSON.parse(command.stdout)).toEqual({ signal: "SIGKILL", stdout: "ended\n" });
    }
  });
});
