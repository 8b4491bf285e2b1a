"use strict";
// The published declarations must import provider classes by deep path only: a declaration that names a
// provider package root (`import("@cdktf/provider-azurerm")`) makes every user's type-check load the whole
// provider (hundreds of megabytes of declarations). `npm test` emits the declarations with its one type-check
// (scripts/test.js) and runs this on them; `node scripts/check-declarations.js <folder>` runs it alone.
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
/** Where the published declarations come from (tsconfig.build.json's include). */
const PUBLISHED = ["index.d.ts", "lib", "stacks"];
const ROOT_REFERENCE = /(import\(|from\s+)["']@cdktf\/provider-[a-z-]+["']/;

/** The published declarations under `outDir` that name a provider package root (relative paths). */
function rootProviderReferences(outDir) {
  const declarations = PUBLISHED.flatMap((entry) => {
    const full = path.join(outDir, entry);
    if (!fs.existsSync(full)) return [];
    if (entry.endsWith(".d.ts")) return [entry];
    return fs.readdirSync(full, { recursive: true }).map(String).filter((file) => file.endsWith(".d.ts")).map((file) => path.join(entry, file));
  });
  if (!declarations.includes(path.join("lib", "index.d.ts"))) throw new Error(`${outDir} holds no lib/index.d.ts: the declarations were not emitted`);
  // an incremental emit keeps declarations of deleted sources: only those of existing sources count
  const current = declarations.filter((file) => fs.existsSync(path.join(ROOT, file.replace(/\.d\.ts$/, ".ts"))));
  return current.filter((file) => ROOT_REFERENCE.test(fs.readFileSync(path.join(outDir, file), "utf8")));
}

/** One line per offending declaration: what is wrong and the fix. */
function declarationProblems(outDir) {
  return rootProviderReferences(outDir).map((file) => `${file}: imports a provider package root; import the class from its deep path (@cdktf/provider-azurerm/lib/<resource>)`);
}

if (require.main === module) {
  const problems = declarationProblems(process.argv[2]);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

module.exports = { declarationProblems };
