import * as fs from "fs";
import * as path from "path";
import { App, Testing } from "cdktf";
import { TerraformJson } from "./terraform-json";

/** What a full synth to disk wrote: every file by its `/`-separated path below the output folder. */
export class SynthOutput {
  constructor(readonly files: Readonly<Record<string, string>>) {}

  /** The parsed cdk.tf.json of a stack (e.g. `dev-monitoring`). */
  stack(name: string): TerraformJson {
    const text = this.files[`stacks/${name}/cdk.tf.json`];
    if (text === undefined) throw new Error(`no stack ${name} was synthesized`);
    return JSON.parse(text);
  }

  /** The files below `gitops/` (the GitOps manifests), by their path below it (`<env>/apps/...`). */
  get gitops(): Record<string, string> {
    return this.below("gitops");
  }

  /** The files below a folder of the output, by their path below it. */
  below(folder: string): Record<string, string> {
    const prefix = `${folder}/`;
    return Object.fromEntries(Object.entries(this.files).filter(([file]) => file.startsWith(prefix)).map(([file, text]) => [file.slice(prefix.length), text]));
  }
}

/**
 * Runs `use` with an app on cdktf's `Testing.app()` (a temporary output folder) and removes the folder
 * afterwards, also when `use` throws: for tests that synthesize themselves (e.g. expect the synth to fail, then
 * read what it wrote).
 */
export function withTestApp<T>(use: (app: App) => T): T {
  const app = Testing.app();
  try {
    return use(app);
  } finally {
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
}

/**
 * Builds an app with `build` on cdktf's `Testing.app()` (a temporary output folder), synthesizes it to disk,
 * which is what resolves cross-stack references and writes the GitOps files, reads every file back and removes
 * the folder. The folder is removed when the build or the synth throws, too.
 */
export function synthApp<T>(build: (app: App) => T): { readonly built: T; readonly output: SynthOutput } {
  return withTestApp((app) => {
    const built = build(app);
    app.synth();
    return { built, output: new SynthOutput(readFiles(app.outdir)) };
  });
}

/** Runs `use` with a temporary output folder holding `build`'s full synth, removed afterwards (for tests that scan the folder). */
export function withSynthFolder<T>(build: (app: App) => unknown, use: (outdir: string) => T): T {
  return withTestApp((app) => {
    build(app);
    app.synth();
    return use(app.outdir);
  });
}

/** Every file below a folder, by its `/`-separated relative path. */
export function readFiles(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(folder, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  };
  walk(folder);
  return files;
}
