// Extracted from docs/testing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPlatform } from "cdktf-gitops";
import { apps, pins, platform } from "../environments";

/** Synthesizes into a temporary folder: path → content of each stack's JSON and each GitOps file. */
function synthesize(): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
  try {
    const app = new App({ outdir });
    buildPlatform(app, platform, { apps, pins });
    app.synth();
    const files: Record<string, string> = {};
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else files[path.relative(outdir, file).split(path.sep).join("/")] = fs.readFileSync(file, "utf8");
      }
    };
    for (const folder of ["stacks", "gitops"]) walk(path.join(outdir, folder));
    return files;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test("the platform synthesizes what was reviewed", () => {
  expect(synthesize()).toMatchSnapshot();
});
