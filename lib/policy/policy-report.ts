import * as fs from "fs";
import { compareStrings } from "../core/sorting";
import { isBlocking, PolicyFinding } from "./evaluate";

/** The report file name, in the synth output folder. */
export const POLICY_REPORT_FILE = "policy-report.json";
/** The human summary file name (markdown), beside the report. */
export const POLICY_SUMMARY_FILE = "policy-summary.md";

/** Counts over the findings of a report. */
export interface PolicySummary {
  readonly evaluations: number;
  readonly compliant: number;
  readonly nonCompliant: number;
  readonly unresolved: number;
  readonly suppressed: number;
  /** Suppressions past their expiry day (each also counts in `blocking`). */
  readonly expiredSuppressions: number;
  /** Findings that fail synth and the pull-request check (see `isBlocking`). */
  readonly blocking: number;
  /** Unsuppressed non-compliant findings of warning severity. */
  readonly warnings: number;
}

/** `cdktf.out/policy-report.json`: every evaluation with its result and suppression, sorted, no timestamps. */
export interface PolicyReport {
  readonly version: 1;
  readonly packs: readonly string[];
  readonly summary: PolicySummary;
  /** The manifest files whose objects were evaluated (`gitops/<env>/...`), sorted. */
  readonly objects: readonly string[];
  readonly findings: readonly PolicyFinding[];
}


/** Builds the report: findings sorted by path, resource and rule, with their counts. */
export function buildPolicyReport(packs: readonly string[], findings: readonly PolicyFinding[], objects: readonly string[] = []): PolicyReport {
  return { version: 1, packs: [...packs], summary: summaryOf(findings), objects: [...new Set(objects)].sort(), findings: sortedFindings(findings) };
}

/**
 * The findings sorted by path, resource and rule (a stable sort, as `Array.prototype.sort`): grouped by path
 * first, the paths sorted, then each path's few findings. A path has about four findings, so this sorts a
 * quarter as many items as one sort of all (50,000 findings for 1,000 apps), and compares fields, not joined
 * keys (500,000 findings of 10,000 apps would build as many key strings).
 */
function sortedFindings(findings: readonly PolicyFinding[]): PolicyFinding[] {
  const byPath = new Map<string, PolicyFinding[]>();
  for (const f of findings) {
    const group = byPath.get(f.path);
    if (group) group.push(f);
    else byPath.set(f.path, [f]);
  }
  const sorted: PolicyFinding[] = [];
  for (const path of [...byPath.keys()].sort(compareStrings)) {
    const group = byPath.get(path)!;
    if (group.length > 1) group.sort((a, b) => compareStrings(a.resource, b.resource) || compareStrings(a.ruleId, b.ruleId));
    for (const f of group) sorted.push(f);
  }
  return sorted;
}

/** The counts of `findings`, in one pass. */
function summaryOf(findings: readonly PolicyFinding[]): PolicySummary {
  const summary = { evaluations: findings.length, compliant: 0, nonCompliant: 0, unresolved: 0, suppressed: 0, expiredSuppressions: 0, blocking: 0, warnings: 0 };
  for (const f of findings) {
    if (f.result === "compliant") summary.compliant++;
    else if (f.result === "non-compliant") summary.nonCompliant++;
    else summary.unresolved++;
    if (f.suppression?.expired) summary.expiredSuppressions++;
    else if (f.suppression) summary.suppressed++;
    if (isBlocking(f)) summary.blocking++;
    if (f.result === "non-compliant" && f.severity === "warning" && !f.suppression) summary.warnings++;
  }
  return summary;
}

/** Findings serialized per write: large enough that writes are few, small enough that no text is huge. */
const FINDINGS_PER_WRITE = 2000;
/** What `JSON.stringify({ findings }, null, 2)` puts around the elements of a non-empty `findings`. */
const CHUNK_OPEN = '{\n  "findings": [';
const CHUNK_CLOSE = "\n  ]\n}";

/**
 * Writes the report as `JSON.stringify(report, null, 2)` would, byte for byte, but the findings a few thousand
 * at a time: with 10,000 apps the report is 150 MB, and building it as one string (then flattening and
 * encoding it) took 2.6 s of a 24 s synth. Written to a temporary file first, so a failure leaves no
 * half-written report.
 */
export function writePolicyReport(file: string, report: PolicyReport): void {
  const { findings, ...head } = report;
  const headText = JSON.stringify({ ...head, findings: [] }, null, 2);
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, "w");
  try {
    // the head ends in `"findings": []\n}`: open the array, write each chunk's elements, close it as a chunk does
    fs.writeSync(fd, `${headText.slice(0, -"]\n}".length)}`);
    for (let start = 0; start < findings.length; start += FINDINGS_PER_WRITE) {
      // stringified in a `findings` key of their own, the elements come out at the report's depth already
      const chunk = JSON.stringify({ findings: findings.slice(start, start + FINDINGS_PER_WRITE) }, null, 2);
      fs.writeSync(fd, `${start > 0 ? "," : ""}${chunk.slice(CHUNK_OPEN.length, -CHUNK_CLOSE.length)}`);
    }
    fs.writeSync(fd, findings.length > 0 ? `${CHUNK_CLOSE}\n` : "]\n}\n");
    fs.closeSync(fd);
    fs.renameSync(temporary, file);
  } catch (error) {
    try { fs.closeSync(fd); } catch { /* closed already */ }
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Reads a report written by synth; throws naming the file when it is missing or not a report. */
export function readPolicyReport(file: string): PolicyReport {
  let report: PolicyReport;
  try {
    report = JSON.parse(fs.readFileSync(file, "utf8")) as PolicyReport;
  } catch (error) {
    throw new Error(`${file}: cannot read the policy report (${(error as Error).message}); run "npm run synth" first`);
  }
  if (report?.version !== 1 || !Array.isArray(report.findings) || !Array.isArray(report.objects)) throw new Error(`${file}: is not a policy report of version 1; synthesize again`);
  return report;
}

const escapeCell = (text: string): string => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/[<>]/g, (c) => (c === "<" ? "&lt;" : "&gt;"));

/** The largest number of finding rows a summary lists (a pull-request comment holds at most 65,536 characters). */
export const SUMMARY_ROW_LIMIT = 100;

/**
 * A short markdown summary for people and pull-request comments: the counts, the blocking findings, open
 * warnings and unresolved values, then the suppressions with their reasons (rows capped at `SUMMARY_ROW_LIMIT`).
 */
export function policySummaryMarkdown(report: PolicyReport): string {
  const s = report.summary;
  const lines = [
    "## Policy",
    "",
    `${s.blocking === 0 ? "No blocking findings" : `**${s.blocking} blocking finding(s)**`} · ${s.evaluations} evaluations · ${s.compliant} compliant · ` +
      `${s.warnings} warning(s) · ${s.unresolved} unresolved · ${s.suppressed} suppressed · ${s.expiredSuppressions} expired suppression(s)`,
    "",
    `Packs: ${report.packs.join(", ")}`,
  ];
  let budget = SUMMARY_ROW_LIMIT;
  const section = (title: string, rows: PolicyFinding[], cell: (f: PolicyFinding) => string): void => {
    if (rows.length === 0) return;
    lines.push("", `### ${title} (${rows.length})`, "", "| rule | resource | path | |", "|---|---|---|---|");
    for (const f of rows.slice(0, Math.max(budget, 0))) lines.push(`| ${f.ruleId} | ${escapeCell(f.resource)} | ${escapeCell(f.path)} | ${escapeCell(cell(f))} |`);
    if (rows.length > budget) lines.push("", `… ${rows.length - Math.max(budget, 0)} more in policy-report.json`);
    budget -= rows.length;
  };
  // compliant findings are most of them (500,000 with 10,000 apps) and appear in no section
  const listed = report.findings.filter((f) => f.result !== "compliant");
  const open = listed.filter((f) => !f.suppression);
  section("Blocking", listed.filter(isBlocking), (f) => (f.suppression?.expired ? `suppression expired ${f.suppression.expires}: ${f.detail ?? ""}` : f.detail ?? ""));
  section("Warnings", open.filter((f) => f.result === "non-compliant" && f.severity === "warning"), (f) => f.detail ?? "");
  section("Unresolved (known only at apply time)", open.filter((f) => f.result === "unresolved"), (f) => f.detail ?? "");
  section("Suppressed", listed.filter((f) => f.suppression && !f.suppression.expired), (f) => `${f.suppression!.reason}${f.suppression!.expires ? ` (until ${f.suppression!.expires})` : ""}`);
  return `${lines.join("\n")}\n`;
}
