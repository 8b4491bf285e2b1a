import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { passToGuardedApps, runGuarded, runGuardedGit } from "../../lib/release/guarded-process";
import { commandPath, tmpDir } from "./support";

/** A PATH holding only sh and git: no setsid, so the watchdog falls back to Node. */
function pathWithoutSetsid(): string {
  const bin = tmpDir("guarded-bin-");
  for (const command of ["sh", "git"]) fs.symlinkSync(commandPath(command), path.join(bin, command));
  return bin;
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

  test("a watchdog killed on its own (kill -9) leaves the program running, and the command goes on once the program ended", () => {
    const guarded = path.join(__dirname, "..", "..", "lib", "release", "guarded-process.ts");
    const script = `const r = require(${JSON.stringify(guarded)}).runGuarded("sh", ["-c", "kill -KILL $PPID; sleep 0.2; echo ended"], { encoding: "utf8" });\nprocess.stdout.write(JSON.stringify({ signal: r.signal, stdout: r.stdout }));`;
    // in a process of its own, so that a command left waiting is stopped (by the timeout) rather than the test
    const command = spawnSync(process.execPath, ["-r", path.join(__dirname, "..", "..", "register.js"), "-e", script], { encoding: "utf8", timeout: 20000 });
    expect(command.error).toBeUndefined();
    expect(JSON.parse(command.stdout)).toEqual({ signal: "SIGKILL", stdout: "ended\n" });
  });
});
