#!/usr/bin/env node
"use strict";
// Extracts the TypeScript examples of README.md and docs/*.md into docs/examples/, where `tsc --noEmit` (in
// `npm test`) type-checks them against the library: `npm run docs:examples` after changing an example; a test
// fails while the extracted files are stale. Each ```ts block becomes one file: `<doc>/<n>.ts`, or, when its
// first line is `// file: <path>`, that path inside `<doc>/` (so a page can show a small project: main.ts
// importing ./environments). Examples import the library as "cdktf-gitops" (tsconfig maps it to index.ts).
// A fragment (a spec, a few construct calls) gets what it needs from an HTML comment right before its block,
// which GitHub does not render: `<!-- example-setup` + lines of TypeScript (imports, `declare const stack:
// TerraformStack;`) + `-->`; those lines are put before the fragment in the extracted file. A file an example
// imports but the page does not show comes from `<!-- example-file: <path>` + its lines + `-->`.
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "docs", "examples");
const HEADER = "// Extracted from {doc} by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.\n";

/** The documents whose examples are checked: README.md and every docs/*.md. */
function documents() {
  const docs = fs.existsSync(path.join(ROOT, "docs")) ? fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`) : [];
  return ["README.md", ...docs];
}

/** Path (relative to docs/examples, '/'-separated) → content of every extracted example. */
function extract() {
  const files = {};
  for (const doc of documents()) {
    const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
    const folder = doc === "README.md" ? "readme" : path.basename(doc, ".md");
    const blocks = [...text.matchAll(/(?:^<!-- example-setup\n([\s\S]*?)^-->\n)?^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)].map((m) => ({ setup: m[1] ?? "", code: m[2] }));
    for (const m of text.matchAll(/^<!-- example-file: ([\w./-]+\.ts)\n([\s\S]*?)^-->$/gm)) {
      if (m[1].includes("..") || m[1].startsWith("/")) throw new Error(`${doc}: example-file ${m[1]}; use a path inside the example folder`);
      files[`${folder}/${m[1]}`] = `${HEADER.replace("{doc}", doc)}${m[2]}`;
    }
    blocks.forEach(({ setup, code }, index) => {
      const named = /^\/\/ file: ([\w./-]+\.ts)\n/.exec(code);
      if (named && (named[1].includes("..") || named[1].startsWith("/"))) throw new Error(`${doc}: example ${index + 1} names ${named[1]}; use a path inside the example folder`);
      const file = `${folder}/${named ? named[1] : `example-${index + 1}.ts`}`;
      if (files[file] !== undefined) throw new Error(`${doc}: two examples are ${file}; give each its own // file: path`);
      const body = named ? code.slice(named[0].length) : code;
      files[file] = `${HEADER.replace("{doc}", doc)}${setup ? `${setup}// (setup above: hidden in the document)\n` : ""}${body}`;
    });
  }
  return files;
}

/** Files now under docs/examples (relative, '/'-separated). */
function existing() {
  const out = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else out.push(path.relative(OUT, file).split(path.sep).join("/"));
    }
  };
  walk(OUT);
  return out.sort();
}

function write() {
  const files = extract();
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(OUT, file)), { recursive: true });
    fs.writeFileSync(path.join(OUT, file), text);
  }
  process.stdout.write(`wrote ${Object.keys(files).length} examples to docs/examples/\n`);
}

module.exports = { extract, existing, OUT };
if (require.main === module) write();
