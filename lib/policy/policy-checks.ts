import * as fs from "fs";
import * as path from "path";
import { AnnotationMetadataEntryType, App, Aspects, IAspect, TerraformStack } from "cdktf";
import { addFileSynthesis } from "../core/file-synthesis";
import { Construct, IConstruct } from "constructs";
import { GITOPS_OUTPUT_FOLDER } from "../core/gitops-layout";
import { GitOpsManifests, manifestFileName } from "../kubernetes/gitops-manifests";
import { evaluateKubernetesObjects, evaluateTerraformResources, isBlocking, KubernetesSubject, PolicyFinding, TerraformSubject } from "./evaluate";
import { DEFAULT_POLICY_PACKS } from "./packs";
import { PolicyPack } from "./policy-pack";
import { PolicyStackSynthesizer } from "./policy-synthesizer";
import { buildPolicyReport, POLICY_REPORT_FILE, POLICY_SUMMARY_FILE, PolicyReport, policySummaryMarkdown, writePolicyReport } from "./policy-report";
import { rememberSnakeCaseKeys } from "./snake-case-keys";
import { prepareStack, resolvedResources, Resources } from "./stack-resolution";
import { notePreparedTheirOwnWay, trackSynths } from "./synth-runs";
import { PolicyKubernetesObject } from "./rule";
import { suppressionsOf } from "./suppressions";

/** Options of `PolicyChecks.applyTo`. */
export interface PolicyChecksProps {
  /**
   * The packs to evaluate.
   * @default DEFAULT_POLICY_PACKS (Azure platform, Kubernetes workload, GitOps)
   */
  readonly packs?: readonly PolicyPack[];
  /**
   * Write `policy-report.json` and `policy-summary.md` to the synth output folder (in a real synth only).
   * @default true
   */
  readonly writeReport?: boolean;
  /**
   * The day suppressions' expiry is compared with (`YYYY-MM-DD`).
   * @default - the current UTC date
   */
  readonly today?: string;
}

const CHECKS = new WeakMap<App, PolicyChecks>();

/**
 * Evaluates policy packs at synth, cdk-nag style: each synthesized Terraform resource (the resolved JSON written to
 * `cdk.tf.json`, checked by the stack's synthesizer after every Aspect ran, see `PolicyStackSynthesizer`; in
 * `Testing.synth` by an Aspect on the stack) and each Kubernetes object a `GitOpsManifests` writes (or a
 * `kubernetes_manifest` holds). Blocking findings become error annotations, which fail synth; open warnings and
 * unresolved values become warnings; suppressed findings go to the report only. `policy-report.json` and
 * `policy-summary.md` are written to the output folder once every stack is checked, or at the first stack with a
 * blocking finding, so they show what was found when a stack fails.
 */
export class PolicyChecks implements IAspect {
  /** The checks applied to `app`, if any. */
  public static of(app: App): PolicyChecks | undefined {
    return CHECKS.get(app);
  }

  /**
   * Adds the checks to every stack of `app` (cdktf invokes Aspects per stack, not from the app). Call it after
   * the stacks are created; calling it again adds it to stacks created since (the first call's props stay).
   */
  public static applyTo(app: App, props: PolicyChecksProps = {}): PolicyChecks {
    const checks = CHECKS.get(app) ?? new PolicyChecks(props);
    CHECKS.set(app, checks);
    trackSynths(app);
    for (const stack of app.node.findAll().filter(TerraformStack.isStack)) {
      if (Aspects.of(stack).all.includes(checks)) continue;
      // the Aspect checks in Testing.synth (and where the synthesizer is not cdktf's own); in a real synth the
      // stack's synthesizer checks the JSON it writes
      Aspects.of(stack).add(checks);
      checks.stacks.add(stack.node.path);
      const synthesizer = PolicyStackSynthesizer.canReplace(stack) ? new PolicyStackSynthesizer(stack, checks) : undefined;
      if (synthesizer) {
        stack.synthesizer = synthesizer;
        // App.synth prepares every stack before any synthesizer runs: the same effect, and the JSON resolved kept
        // for the synthesizer (a stack class with a prepareStack of its own keeps it, and no JSON is kept)
        if (stack.prepareStack === TerraformStack.prototype.prepareStack) stack.prepareStack = () => prepareStack(stack);
        else notePreparedTheirOwnWay(app);
        // the same cdktf 0.21 the synthesizer follows
        rememberSnakeCaseKeys();
      }
      // Custom synthesis runs only in a real synth (after the stack's Aspects), never in Testing.synth.
      if (checks.writeReport && !synthesizer?.checksSynthesizedJson) addFileSynthesis(new Construct(stack, "PolicyReport"), (session) => checks.write(session.outdir, stack.node.path));
    }
    return checks;
  }

  /** The packs evaluated. */
  public readonly packs: readonly PolicyPack[];
  private readonly findingsByStack = new Map<string, PolicyFinding[]>();
  /** Paths of the stacks the checks were added to: the report is written once all of them are checked. */
  private readonly stacks = new Set<string>();
  private readonly filesByStack = new Map<string, string[]>();
  private readonly today: string;
  private readonly writeReport: boolean;

  private constructor(props: PolicyChecksProps) {
    this.packs = props.packs ?? DEFAULT_POLICY_PACKS;
    this.today = props.today ?? new Date().toISOString().slice(0, 10);
    this.writeReport = props.writeReport ?? true;
  }

  /** Every finding of the stacks checked so far. */
  public get findings(): PolicyFinding[] {
    return [...this.findingsByStack.values()].flat();
  }

  /** The report of the stacks checked so far. */
  public report(): PolicyReport {
    return buildPolicyReport(this.packs.map((pack) => pack.name), this.findings, [...this.filesByStack.values()].flat());
  }

  /**
   * Aspect entry: checks a stack once per synth (re-synthesizing a stack replaces its findings), unless its
   * synthesizer checks the JSON it writes (`checkSynthesized`).
   */
  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    if (node.synthesizer instanceof PolicyStackSynthesizer && node.synthesizer.synthesizing) return;
    // resolved as synth writes it to cdk.tf.json (cross-stack references are prepared by now)
    this.check(node, resolvedResources(node));
  }

  /** Checks a stack's resolved JSON, as its synthesizer writes it to `cdk.tf.json`, and writes the report when due. */
  public checkSynthesized(stack: TerraformStack, json: Record<string, unknown>, outdir: string): void {
    this.check(stack, (json.resource ?? {}) as Resources);
    if (this.writeReport) this.write(outdir, stack.node.path);
  }

  private check(stack: TerraformStack, resources: Resources): void {
    const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c] as const));
    const owners = new Map<string, IConstruct>();
    const findings = [...this.checkTerraform(stack, resources, byPath), ...this.checkKubernetes(stack, resources, byPath, owners)];
    this.findingsByStack.set(stack.node.path, findings);
    this.filesByStack.set(stack.node.path, [...owners.keys()]);
    for (const f of findings) if (f.result !== "compliant") this.annotate(byPath.get(f.path) ?? owners.get(f.path) ?? stack, f);
  }

  private checkTerraform(stack: TerraformStack, resources: Resources, byPath: Map<string, IConstruct>): PolicyFinding[] {
    const subjects: TerraformSubject[] = [];
    for (const [type, byName] of Object.entries(resources)) {
      for (const [name, body] of Object.entries(byName)) {
        const where = (body["//"] as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? `${stack.node.path}/${name}`;
        subjects.push({ resource: { type, name, body }, path: where, suppressions: suppressionsOf(byPath.get(where) ?? stack) });
      }
    }
    return evaluateTerraformResources(this.packs, subjects, this.today);
  }

  /** Checks the objects of the stack's GitOpsManifests and kubernetes_manifest resources; `owners`: file → writer. */
  private checkKubernetes(stack: TerraformStack, resources: Resources, byPath: Map<string, IConstruct>, owners: Map<string, IConstruct>): PolicyFinding[] {
    const subjects: KubernetesSubject[] = [];
    for (const construct of byPath.values()) {
      if (construct instanceof GitOpsManifests) {
        for (const object of construct.objects) {
          const file = `${GITOPS_OUTPUT_FOLDER}/${construct.environment}/${construct.folder}/${manifestFileName(object)}`;
          subjects.push({ object: object as PolicyKubernetesObject, path: file, suppressions: suppressionsOf(construct) });
          owners.set(file, construct);
        }
      }
    }
    // Objects applied by Terraform (kubernetes_manifest) are checked as well, at their resource's path.
    const manifests = resources.kubernetes_manifest ?? {};
    for (const body of Object.values(manifests)) {
      const where = (body["//"] as { metadata?: { path?: string } } | undefined)?.metadata?.path ?? stack.node.path;
      const object = body.manifest as PolicyKubernetesObject | undefined;
      if (object?.kind && object.metadata) subjects.push({ object, path: where, suppressions: suppressionsOf(byPath.get(where) ?? stack) });
    }
    return evaluateKubernetesObjects(this.packs, subjects, this.today);
  }

  private annotate(construct: IConstruct, f: PolicyFinding): void {
    const message = `[${f.ruleId}] ${f.resource}: ${f.detail ?? ""}`;
    if (isBlocking(f)) {
      const why = f.suppression?.expired ? ` (suppression added at ${f.suppression.addedAt} expired on ${f.suppression.expires})` : "";
      annotate(construct, AnnotationMetadataEntryType.ERROR, `${message}${why}; fix it or suppress it with a reason (see RULES.md)`);
    } else if (f.result !== "compliant" && !f.suppression) {
      annotate(construct, AnnotationMetadataEntryType.WARN, f.result === "unresolved" ? `${message} (unresolved: checked at apply time only)` : message);
    }
  }

  /**
   * Writes the report and the summary to `outdir` once every stack is checked, or earlier when `stackPath` has a
   * blocking finding (synth stops at that stack, and the report shows what was found). Writing after every stack
   * would cost stacks x findings: minutes for 1,000 apps.
   */
  private write(outdir: string, stackPath: string): void {
    // sizes first: the full check runs once, at the last stack, rather than at every stack (stacks² lookups)
    const allChecked = this.findingsByStack.size >= this.stacks.size && [...this.stacks].every((path) => this.findingsByStack.has(path));
    if (!allChecked && !(this.findingsByStack.get(stackPath) ?? []).some(isBlocking)) return;
    const report = this.report();
    fs.mkdirSync(outdir, { recursive: true });
    writePolicyReport(path.join(outdir, POLICY_REPORT_FILE), report);
    fs.writeFileSync(path.join(outdir, POLICY_SUMMARY_FILE), policySummaryMarkdown(report));
  }
}

/**
 * An annotation as `Annotations` adds it, without the stack trace: the trace names the caller's files and
 * lines, which would make manifest.json differ between identical synths.
 */
function annotate(construct: IConstruct, level: AnnotationMetadataEntryType, message: string): void {
  construct.node.addMetadata(level, message, { stackTrace: false });
}
