import * as fs from "fs";
import * as path from "path";

// The install lines of the docs pin exact versions: they must be the versions this package is tested with (its
// package.json), the same ones `cdktf-gitops init` writes, so that following the docs installs what CI ran.
const ROOT = path.join(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const tested: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies, [pkg.name]: pkg.version };
const DOCS = ["README.md", "docs/getting-started.md", "docs/testing.md"];

/** Every `name@x.y.z` of the `npm install` lines (continuation lines included) of a document. */
function pinnedInstalls(text: string): [string, string][] {
  const lines = text.replace(/\\\n\s*/g, " ").split("\n").filter((line) => /^\s*npm install\b/.test(line));
  return lines.flatMap((line) => [...line.matchAll(/(?:^|\s)((?:@[\w.-]+\/)?[\w.-]+)@(\d+\.\d+\.\d+)(?=\s|$)/g)].map((m) => [m[1], m[2]] as [string, string]));
}

describe("install lines of the docs", () => {
  test.each(DOCS)("%s pins the versions of package.json", (doc) => {
    const pins = pinnedInstalls(fs.readFileSync(path.join(ROOT, doc), "utf8"));
    for (const [name, version] of pins) expect({ name, version }).toEqual({ name, version: tested[name] });
  });

  test("the getting-started install line is complete: the library, its peers, cdktf-cli, jest, the transform, TypeScript 5.9", () => {
    const names = pinnedInstalls(fs.readFileSync(path.join(ROOT, "docs/getting-started.md"), "utf8")).map(([name]) => name);
    for (const name of ["cdktf-gitops", "cdktf", "constructs", "@cdktf/provider-azurerm", "@cdktf/provider-helm", "@cdktf/provider-kubernetes", "cdktf-cli", "jest", "@swc/core", "@swc/jest", "@types/jest", "typescript"]) {
      expect(names).toContain(name);
    }
    expect(tested.typescript).toMatch(/^5\.9\./);
  });
});
