import * as fs from "fs";
import * as path from "path";

/** Every relative link in README.md and docs/ points at a file that exists (and at a heading that exists). */
const ROOT = path.join(__dirname, "..", "..");
const LINK = /(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(ROOT, "docs", "api") ? [] : markdownFiles(full);
    return entry.name.endsWith(".md") ? [full] : [];
  });
}

/** The text outside fenced code blocks and inline code spans, where a link is a link. */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchors of a page's headings (lower case, punctuation dropped, spaces to hyphens, duplicates -1, -2). */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of prose(text).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

interface Page {
  readonly file: string;
  readonly text: string;
}

/** The broken relative links of the pages, as `file: link (why)`. */
function brokenLinks(pages: readonly Page[], exists: (file: string) => boolean, read: (file: string) => string): string[] {
  const problems: string[] = [];
  for (const { file, text } of pages) {
    for (const [, , target] of prose(text).matchAll(LINK)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: ...
      const [pathPart, anchor] = target.split("#", 2);
      const resolved = pathPart === "" ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
      const where = `${path.relative(ROOT, file)}: ${target}`;
      if (!exists(resolved)) {
        problems.push(`${where} (no such file)`);
      } else if (anchor !== undefined && resolved.endsWith(".md") && !anchors(read(resolved)).has(anchor)) {
        problems.push(`${where} (no heading with anchor #${anchor})`);
      }
    }
  }
  return problems;
}

describe("documentation links", () => {
  it("every relative link in README.md and docs/ resolves", () => {
    const files = [path.join(ROOT, "README.md"), ...markdownFiles(path.join(ROOT, "docs"))];
    expect(files.length).toBeGreaterThan(8);
    const pages = files.map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));
    expect(brokenLinks(pages, fs.existsSync, (file) => fs.readFileSync(file, "utf8"))).toEqual([]);
  });

  it("reports a missing file and a missing heading, and ignores links in code and absolute URLs", () => {
    const files: Record<string, string> = {
      [path.join(ROOT, "docs", "a.md")]: "# A page\n\n## Two words (here)\n",
    };
    const page = {
      file: path.join(ROOT, "README.md"),
      text: [
        "[ok](docs/a.md) [ok](docs/a.md#two-words-here) [web](https://example.com/x.md)",
        "[missing](docs/b.md) [bad anchor](docs/a.md#three)",
        "`[code](nowhere.md)`",
        "```",
        "[fenced](nowhere.md)",
        "```",
      ].join("\n"),
    };
    expect(brokenLinks([page], (f) => f in files, (f) => files[f])).toEqual([
      "README.md: docs/b.md (no such file)",
      "README.md: docs/a.md#three (no heading with anchor #three)",
    ]);
  });
});
