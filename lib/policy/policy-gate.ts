import * as fs from "fs";
import * as path from "path";
import { POLICY_REPORT_FILE, PolicyReport, policySummaryMarkdown, readPolicyReport } from "./policy-report";
import { KUSTOMIZATION_FILE_NAME } from "../core/gitops-layout";

/** What `policyGate` found in a synth output folder. */
export interface PolicyGateResult {
  readonly report: PolicyReport;
  /**
   * Manifest files in `<out>/gitops/` that synth did not evaluate (written by something other than a
   * `GitOpsManifests`, or left from another synth). Each fails the gate: an object nobody checked is not passed.
   */
  readonly unevaluatedFiles: readonly string[];
  /** True when there is no blocking finding and no unevaluated manifest. */
  readonly ok: boolean;
  /** The markdown summary, with the unevaluated files (when any) appended. */
  readonly markdown: string;
}

function yamlFiles(dir: string, prefix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return yamlFiles(path.join(dir, entry.name), rel);
    return /\.ya?ml$/.test(entry.name) ? [rel] : [];
  });
}

/**
 * The pull-request gate over a synth output folder: reads `policy-report.json` and checks that every Kubernetes
 * manifest below `gitops/` was evaluated. `kustomization.yaml` files are kustomize's build input (the list of
 * files to apply), not objects sent to the cluster, and are not expected in the report. Throws when there is no
 * report.
 */
export function policyGate(outdir: string): PolicyGateResult {
  const report = readPolicyReport(path.join(outdir, POLICY_REPORT_FILE));
  const evaluated = new Set(report.objects);
  const unevaluatedFiles = yamlFiles(path.join(outdir, "gitops"), "gitops")
    .filter((file) => path.basename(file) !== KUSTOMIZATION_FILE_NAME && !evaluated.has(file))
    .sort();
  const extra = unevaluatedFiles.length === 0 ? "" : `\n### Not evaluated (${unevaluatedFiles.length})\n\n${unevaluatedFiles.map((f) => `- ${f}`).join("\n")}\n`;
  return { report, unevaluatedFiles, ok: report.summary.blocking === 0 && unevaluatedFiles.length === 0, markdown: `${policySummaryMarkdown(report)}${extra}` };
}
