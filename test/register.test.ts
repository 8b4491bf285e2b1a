import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

function runWithRegister(source: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-register-"));
  const file = path.join(dir, "entry.ts");
  fs.writeFileSync(file, source);
  try {
    return spawnSync(process.execPath, ["-r", path.join(ROOT, "register.js"), file], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("register.js", () => {
  test("runs TypeScript and maps error stack traces to the TypeScript source", () => {
    const result = runWithRegister(
      ["interface Input {", "  readonly value: number;", "}", "", "function fail(input: Input): never {", '  throw new Error(`bad value ${input.value}`);', "}", "fail({ value: 7 });", ""].join("\n"),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Error: bad value 7");
    expect(result.stderr).toMatch(/at fail \(.*entry\.ts:6:9\)/);
  });

  test.each([
    ["skips cdktf's per-token stack captures", {}, 0],
    ["keeps their first frames with CDKTF_GITOPS_TOKEN_TRACES", { CDKTF_GITOPS_TOKEN_TRACES: "10" }, 10],
  ])("%s, and errors keep full traces", (_, env, maxFrames) => {
    const result = runWithRegister(
      [
        `const { Lazy } = require(${JSON.stringify(require.resolve("cdktf"))});`,
        "Error.stackTraceLimit = 100;",
        "function deep(n: number): { frames: number; error: number } {",
        "  if (n > 0) return deep(n - 1);",
        '  const token = Lazy.anyValue({ produce: () => "x" }) as any;',
        "  return { frames: token.creationStack.length, error: new Error('x').stack!.split('\\n').length - 1 };",
        "}",
        "console.log(JSON.stringify(deep(50)));",
        "",
      ].join("\n"),
      env,
    );
    expect(result.stderr).toBe("");
    const { frames, error } = JSON.parse(result.stdout);
    expect(frames).toBe(maxFrames);
    expect(error).toBeGreaterThan(50);
  });

  test("jest's environment skips the captures too (test/support/setup-stack-traces.js)", () => {
    const { Lazy } = require("cdktf") as typeof import("cdktf");
    const deep = (n: number): string[] => (n > 0 ? deep(n - 1) : (Lazy.anyValue({ produce: () => "x" }) as unknown as { creationStack: string[] }).creationStack);
    expect(deep(50)).toEqual([]);
    expect(new Error("x").stack!.split("\n").length).toBeGreaterThan(5);
  });
});
