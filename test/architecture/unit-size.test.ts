import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * DESIGN.md house rule 1: no function over ~60 lines and no file over ~300 lines in lib/ and stacks/ without a
 * reason at its top. A file's reason is in its first comment (`Over 300 lines: ...` or `... over 300 lines
 * because ...`); a function's in its own doc comment or in the file's first comment (`over 60 lines`).
 */
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;
const ROOT = path.join(__dirname, "..", "..");
const FOLDERS = ["lib", "stacks"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** A comment that gives a reason for going over `limit` lines: `over <limit> lines:` or `over <limit> lines because`, then the reason. */
function givesReason(comment: string | undefined, limit: number): boolean {
  return comment !== undefined && new RegExp(`\\bover ${limit} lines(:| because)\\s*\\S`, "i").test(comment);
}

/** The text of the first comment of a file, wherever it stands. */
function firstComment(text: string): string | undefined {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) return scanner.getTokenText();
  }
  return undefined;
}

/** The comments right before a node (its doc comment), joined. */
function leadingComments(node: ts.Node, text: string): string {
  return (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []).map((range) => text.slice(range.pos, range.end)).join("\n");
}

function functionName(node: ts.SignatureDeclaration): string {
  if (node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText();
  return "(anonymous function)";
}

interface SourceFile {
  /** The path shown in problems, e.g. `lib/gitops/argo-cd.ts`. */
  readonly file: string;
  readonly text: string;
}

/** The files over 300 lines and the functions over 60 lines that give no reason. */
function sizeProblems(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const { file, text } of files) {
    const first = firstComment(text);
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    if (lines > MAX_FILE_LINES && !givesReason(first, MAX_FILE_LINES)) {
      problems.push(`${file}: ${lines} lines; split it (by concern, or by object kind), or give the reason in its first comment ("over ${MAX_FILE_LINES} lines: ...")`);
    }
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && "body" in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const length = source.getLineAndCharacterOfPosition(node.getEnd()).line - start + 1;
        if (length > MAX_FUNCTION_LINES && !givesReason(leadingComments(node, text), MAX_FUNCTION_LINES) && !givesReason(first, MAX_FUNCTION_LINES)) {
          problems.push(`${file}:${start + 1}: ${functionName(node)} has ${length} lines; split it, or give the reason in its doc comment ("over ${MAX_FUNCTION_LINES} lines: ...")`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

describe("unit sizes in lib/ and stacks/ (DESIGN.md house rule 1)", () => {
  it("no file over 300 lines and no function over 60 lines without a reason", () => {
    const files = FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder))).map((file) => ({ file: path.relative(ROOT, file).split(path.sep).join("/"), text: fs.readFileSync(file, "utf8") }));
    expect(files.length).toBeGreaterThan(100);
    expect(sizeProblems(files)).toEqual([]);
  });

  it("finds a long file and long functions of every form, and accepts reasons in the first comment or a doc comment", () => {
    const body = (lines: number) => Array.from({ length: lines }, (_, i) => `  const v${i} = ${i};`).join("\n");
    const longFile = Array.from({ length: 301 }, (_, i) => `export const c${i} = ${i};`).join("\n");
    const fn = `import { x } from "y";\nexport function build(): void {\n${body(59)}\n}\n`;
    const arrow = `export const make = (): void => {\n${body(60)}\n};\n`;
    const method = `export class A {\n  constructor() {\n${body(59)}\n  }\n  render(): void {\n${body(10)}\n  }\n}\n`;
    expect(
      sizeProblems([
        { file: "lib/long.ts", text: longFile },
        { file: "lib/long-reasoned.ts", text: `// Over 300 lines: one table, read top to bottom.\n${longFile}` },
        { file: "lib/long-no-reason.ts", text: `// over 300 lines\n${longFile}` },
        { file: "lib/fn.ts", text: fn },
        { file: "lib/fn-reasoned.ts", text: fn.replace("export function", "/** Over 60 lines because it is one template. */\nexport function") },
        { file: "lib/fn-file-reason.ts", text: `/**\n * This file's builder is over 60 lines because it writes one document.\n */\n${fn}` },
        { file: "lib/arrow.ts", text: arrow },
        { file: "lib/method.ts", text: method },
      ]),
    ).toEqual([
      expect.stringMatching(/^lib\/long\.ts: 301 lines; split it/),
      expect.stringMatching(/^lib\/long-no-reason\.ts: 302 lines; split it/),
      "lib/fn.ts:2: build has 61 lines; split it, or give the reason in its doc comment (\"over 60 lines: ...\")",
      "lib/arrow.ts:1: make has 62 lines; split it, or give the reason in its doc comment (\"over 60 lines: ...\")",
      "lib/method.ts:2: constructor has 61 lines; split it, or give the reason in its doc comment (\"over 60 lines: ...\")",
    ]);
  });
});
