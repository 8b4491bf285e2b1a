import * as fs from "fs";
import * as path from "path";
import { ReleaseError } from "../../lib/release/errors";
import { synthesize } from "../../lib/release/synth";
import { synthNodeOptions } from "../../lib/release/synth-node-options";
import { tmpDir } from "./support";

/** A project folder whose cdktf.json runs `app` (words, run without a shell). */
function project(app: string[]): string {
  const dir = tmpDir("synth-project-");
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: app.map((word) => JSON.stringify(word)).join(" ") }));
  return dir;
}

/** The `ReleaseError` that synthesizing `projectDir` throws. */
function synthError(projectDir: string): ReleaseError {
  try {
    synthesize({ projectDir, outDir: path.join(projectDir, "out") });
  } catch (error) {
    if (error instanceof ReleaseError) return error;
    throw error;
  }
  throw new Error("synthesize did not throw");
}

describe("synthesize", () => {
  test("runs the app under the watchdog with CDKTF_OUTDIR set, and returns once it wrote manifest.json", () => {
    const dir = project(["sh", "-c", 'echo "{}" > "$CDKTF_OUTDIR/manifest.json"']);
    synthesize({ projectDir: dir, outDir: path.join(dir, "out") });
    expect(fs.readFileSync(path.join(dir, "out", "manifest.json"), "utf8")).toBe("{}\n");
  });

  test("an app that fails: its exit status and output, exit code 4", () => {
    const error = synthError(project(["sh", "-c", "echo boom >&2; exit 3"]));
    expect(error.message).toBe("synthesis failed (exit status 3); fix the app and run again:\nboom");
    expect(error.exitCode).toBe(4);
  });

  test.each([
    ["a program not on PATH", ["no-such-app-on-path", "main.ts"], "no-such-app-on-path"],
    ["a path to no file", ["./bin/missing-app"], "./bin/missing-app"],
    ["a file that is not executable", ["./cdktf.json"], "./cdktf.json"],
  ])("%s: it could not start, with the command to check", (_, app, program) => {
    const error = synthError(project(app));
    expect(error.message).toBe(`synthesis could not start "${program}" (not found, or not executable); check the "app" command in cdktf.json`);
    expect(error.exitCode).toBe(4);
  });

  test("the app runs with the V8 thread pool of synthNodeOptions, the caller's NODE_OPTIONS kept", () => {
    const dir = project(["sh", "-c", 'printf "%s" "$NODE_OPTIONS" > "$CDKTF_OUTDIR/node-options"; echo "{}" > "$CDKTF_OUTDIR/manifest.json"']);
    const env = { ...process.env, NODE_OPTIONS: "--max-old-space-size=4096" };
    synthesize({ projectDir: dir, outDir: path.join(dir, "out"), env });
    expect(fs.readFileSync(path.join(dir, "out", "node-options"), "utf8")).toBe(synthNodeOptions("--max-old-space-size=4096") ?? "");
  });
});

describe("synthNodeOptions", () => {
  test.each([
    [1, undefined, "--v8-pool-size=1"],
    [2, undefined, "--v8-pool-size=1"],
    [4, "", "--v8-pool-size=3"],
    // first: Node stops reading at a word that is not an option, and takes the last of an option given twice
    [2, "--max-old-space-size=4096", "--v8-pool-size=1 --max-old-space-size=4096"],
    // Node's default of 4 threads leaves a core to the main thread from 5 cores on
    [5, undefined, undefined],
    [16, "--enable-source-maps", "--enable-source-maps"],
    // a pool size the caller chose is kept
    [2, "--v8-pool-size=8", "--v8-pool-size=8"],
    [2, "--inspect --v8-pool-size 3", "--inspect --v8-pool-size 3"],
    // as Node reads NODE_OPTIONS: `_` for `-` in option names, double quotes with backslash escapes
    [2, "--v8_pool_size=8", "--v8_pool_size=8"],
    [2, '"--v8-pool-size=8"', '"--v8-pool-size=8"'],
    [2, '"--v8-pool\\-size=8"', '"--v8-pool\\-size=8"'],
    // not a pool size to Node: another option, a single-quoted word, a title that mentions one
    [2, "--v8-pool-size-foo=8", "--v8-pool-size=1 --v8-pool-size-foo=8"],
    [2, "'--v8-pool-size=8'", "--v8-pool-size=1 '--v8-pool-size=8'"],
    [2, '--title="x --v8-pool-size=8"', '--v8-pool-size=1 --title="x --v8-pool-size=8"'],
    // after a word that is not an option, which ends what Node reads
    [2, "foo --v8-pool-size=7", "--v8-pool-size=1 foo --v8-pool-size=7"],
    [2, "- --v8-pool-size=7", "--v8-pool-size=1 - --v8-pool-size=7"],
  ])("%i cores, NODE_OPTIONS %p: %p", (cores, given, expected) => {
    expect(synthNodeOptions(given, cores)).toBe(expected);
  });
});
