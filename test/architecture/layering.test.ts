import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** DESIGN.md's layering of lib/: a folder imports folders of lower layers only (and layer 3 not each other). */
const LAYERS: Readonly<Record<string, number>> = {
  core: 0,
  environment: 1,
  kubernetes: 1,
  platform: 2,
  monitoring: 3,
  gitops: 3,
  apps: 3,
  delivery: 4,
  governance: 4,
  policy: 4,
  release: 5,
  cli: 6,
};
const LIB = path.join(__dirname, "..", "..", "lib");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

interface SourceFile {
  /** Absolute path of the file (it need not exist: the rule reads `text`). */
  readonly file: string;
  readonly text: string;
}

/** The problems of lib/ files' relative imports against the layering. */
function layeringProblems(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const { file, text } of files) {
    const rel = path.relative(LIB, file);
    const from = rel.split(path.sep)[0];
    if (!rel.includes(path.sep)) continue; // lib/index.ts re-exports every folder
    // TypeScript's own scan of imports, exports, require() and import() (text inside strings is not an import)
    const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName).filter((s) => s.startsWith("."));
    for (const specifier of specifiers) {
      const target = path.relative(LIB, path.resolve(path.dirname(file), specifier));
      if (target.startsWith("..")) {
        problems.push(`${rel} imports ${specifier}: lib/ never imports outside lib/ (stacks/ composes lib/)`);
        continue;
      }
      const to = target.split(path.sep)[0];
      if (to === from) continue;
      if (!(from in LAYERS) || !(to in LAYERS)) {
        problems.push(`${rel} imports ${specifier}: folder ${!(from in LAYERS) ? from : to} has no layer; add it to DESIGN.md and this test`);
      } else if (LAYERS[to] > LAYERS[from] || (LAYERS[to] === LAYERS[from] && LAYERS[from] === 3)) {
        problems.push(`${rel} imports ${specifier}: lib/${from} (layer ${LAYERS[from]}) may not import lib/${to} (layer ${LAYERS[to]})`);
      }
    }
  }
  return problems;
}

describe("layering of lib/ (DESIGN.md)", () => {
  it("every import runs downwards", () => {
    const files = sourceFiles(LIB).map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));
    expect(files.length).toBeGreaterThan(50);
    expect(layeringProblems(files)).toEqual([]);
  });

  it("finds an import that runs upwards, one that leaves lib/, one between layer-3 folders, and one into an unknown folder", () => {
    const at = (rel: string, text: string): SourceFile => ({ file: path.join(LIB, rel), text });
    expect(
      layeringProblems([
        at("core/x.ts", `import { AksCluster } from "../platform/aks-cluster";`),
        at("gitops/y.ts", `export { AppStack } from "../../stacks/app-stack";`),
        at("apps/z.ts", `const sync = require("../gitops/argo-cd");`),
        at("release/w.ts", `const m = await import("../widgets/thing");`),
        at("monitoring/ok.ts", `import { Environment } from "../environment/environment";\nimport { toYaml } from "../kubernetes/to-yaml";`),
      ]),
    ).toEqual([
      "core/x.ts imports ../platform/aks-cluster: lib/core (layer 0) may not import lib/platform (layer 2)",
      "gitops/y.ts imports ../../stacks/app-stack: lib/ never imports outside lib/ (stacks/ composes lib/)",
      "apps/z.ts imports ../gitops/argo-cd: lib/apps (layer 3) may not import lib/gitops (layer 3)",
      "release/w.ts imports ../widgets/thing: folder widgets has no layer; add it to DESIGN.md and this test",
    ]);
  });
});
