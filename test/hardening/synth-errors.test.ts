import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { synthOutput } from "../../lib/release/synth";

const ROOT = path.resolve(__dirname, "../..");

describe("errors read well at synth", () => {
  test("a validation failure prints the problem list once, without a stack trace, and exits 1", () => {
    const entry = path.join(ROOT, `.synth-error-${process.pid}.ts`);
    fs.writeFileSync(
      entry,
      [
        'import { App } from "cdktf";',
        'import { referencePlatform } from "./environments";',
        'import { buildPlatform } from "./stacks/build-platform";',
        "const app = new App();",
        "buildPlatform(app, { ...referencePlatform, projekt: 1 } as any);",
        "app.synth();",
      ].join("\n"),
    );
    try {
      const outdir = fs.mkdtempSync(path.join(require("os").tmpdir(), "hardening-synth-"));
      const result = spawnSync(process.execPath, ["-r", "./register.js", entry], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outdir } });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('invalid platform spec (1 problem):\n  - platform.projekt: unknown field "projekt"; did you mean "project"?\n');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      fs.rmSync(outdir, { recursive: true, force: true });
    } finally {
      fs.rmSync(entry, { force: true });
    }
  });

  test("the release CLI keeps the whole synth output, cutting only very long output in the middle", () => {
    const list = ["invalid platform spec (50 problems):", ...Array.from({ length: 50 }, (_, i) => `  - environments/dev: problem ${i}; fix it`)].join("\n");
    expect(synthOutput(list)).toBe(list);
    const long = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    const cut = synthOutput(long).split("\n");
    expect(cut).toHaveLength(401);
    expect(cut[0]).toBe("line 0");
    expect(cut[200]).toBe("... (600 lines left out) ...");
    expect(cut[400]).toBe("line 999");
  });
});
