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
    const guarded = path.join(__dirname, "..", "..", "lib", "release", "guarded-process.ts");
    const script = `require(${JSON.stringify(guarded)}).runGuarded("sh", ["-c", 'echo $$ > "$0"; exec sleep 30', ${JSON.stringify(pidFile)}], { encoding: "utf8" });`;
    const command = spawn(process.execPath, ["-r", path.join(__dirname, "..", "..", "register.js"), "-e", script], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, stdio: "ignore" });
    expect(await pidIn(started)).toBe(0);
    command.kill("SIGKILL");
    // the slow setsid would have started the program by now; the watcher, started behind the guard's (as slow)
    // setsid, kills it once it can
    const pid = await pidIn(pidFile, 1500);
    for (let waited = 0; pid !== undefined && !gone(pid) && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pid === undefined || gone(pid)).toBe(true);
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
    const guarded = path.join(__dirname, "..", "..", "lib", "release", "guarded-process.ts");
    const script = `const r = require(${JSON.stringify(guarded)}).runGuarded("sh", ["-c", "kill -KILL $PPID; sleep 0.2; echo ended"], { encoding: "utf8" });\nprocess.stdout.write(JSON.stringify({ signal: r.signal, stdout: r.stdout }));`;
    // in a process of its own, so that a command left waiting is stopped (by the timeout) rather than the test
    const command = spawnSync(process.execPath, ["-r", path.join(__dirname, "..", "..", "register.js"), "-e", script], { encoding: "utf8", timeout: 20000 });
    expect(command.error).toBeUndefined();
    expect(JSON.parse(command.stdout)).toEqual({ signal: "SIGKILL", stdout: "ended\n" });
  });
});
