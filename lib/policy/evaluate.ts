import { PolicyPack } from "./policy-pack";
import { KubernetesRule, PolicyKubernetesObject, PolicyRule, PolicySeverity, RuleResult, TerraformResourceInput, TerraformRule } from "./rule";
import { AppliedSuppression, coversObject, isExpired } from "./suppressions";

/** One rule evaluated on one resource or object (not-applicable evaluations are not recorded). */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly pack: string;
  readonly severity: PolicySeverity;
  readonly target: "terraform" | "kubernetes";
  /**
   * Where: the construct path of a Terraform resource (`prod-platform/Cluster/Resource`), or the file a
   * Kubernetes object is written to (`gitops/prod/apps/web/deployment-web.yaml`).
   */
  readonly path: string;
  /** What: `<type>.<name>` of a Terraform resource, `Kind/namespace/name` (or `Kind/name`) of an object. */
  readonly resource: string;
  readonly result: "compliant" | "non-compliant" | "unresolved";
  /** What was found, for non-compliant and unresolved results. */
  readonly detail?: string;
  /** The suppression that applies, when there is one. */
  readonly suppression?: { readonly reason: string; readonly addedAt: string; readonly expires?: string; readonly expired: boolean };
}

/** True when the finding fails synth and the pull-request check: an unsuppressed error, or any expired suppression. */
export function isBlocking(finding: PolicyFinding): boolean {
  if (finding.result === "compliant") return false;
  if (finding.suppression) return finding.suppression.expired;
  return finding.result === "non-compliant" && finding.severity === "error";
}

/** A Terraform resource to evaluate: its input, where it is, and the suppressions in force there. */
export interface TerraformSubject {
  readonly resource: TerraformResourceInput;
  readonly path: string;
  readonly suppressions: readonly AppliedSuppression[];
}

/** A Kubernetes object to evaluate: the object, where it is written, and the suppressions in force there. */
export interface KubernetesSubject {
  readonly object: PolicyKubernetesObject;
  readonly path: string;
  readonly suppressions: readonly AppliedSuppression[];
}

/** A finding being built: its fields in the report's order, `detail` and `suppression` added when they apply. */
type MutableFinding = { -readonly [K in keyof PolicyFinding]: PolicyFinding[K] };

/**
 * Adds the finding of one evaluation to `findings`, unless the rule does not apply; returns it when it is not
 * compliant, for `applySuppression`. The object is built with its keys in the report's order, in one literal:
 * the 50,000 evaluations of 1,000 apps made as many intermediate objects and closures before.
 */
function addFinding(findings: PolicyFinding[], rule: PolicyRule, pack: PolicyPack, path: string, resource: string, result: RuleResult): MutableFinding | undefined {
  if (result.status === "not-applicable") return undefined;
  const found: MutableFinding = { ruleId: rule.id, pack: pack.name, severity: rule.severity, target: rule.target, path, resource, result: result.status };
  findings.push(found);
  if (result.status === "compliant") return undefined;
  if (result.detail !== undefined) found.detail = result.detail;
  return found;
}

/** Records the first of `suppressions` (those in force for the finding's rule and subject) on a finding that is not compliant. */
function applySuppression(found: MutableFinding, suppressions: readonly AppliedSuppression[], today: string): void {
  const applied = suppressions[0];
  if (applied) found.suppression = { reason: applied.reason, addedAt: applied.addedAt, ...(applied.expires ? { expires: applied.expires } : {}), expired: isExpired(applied, today) };
}

/**
 * The rule's result on `subject`; a rule that throws is reported as a defect of the rule, naming where it ran.
 * The subject and context are passed, not closed over: this runs for every evaluation.
 */
function ruleResult<S, C>(rule: { readonly id: string; evaluate(subject: S, context: C): RuleResult }, subject: S, context: C, where: string): RuleResult {
  try {
    return rule.evaluate(subject, context);
  } catch (error) {
    throw new Error(`policy rule ${rule.id} failed on ${where}: ${(error as Error).message}; fix the rule: a rule returns a result (non-compliant or not applicable for what it cannot read), it never throws`);
  }
}

/** Evaluates the packs' Terraform rules on the resources of one stack (the context of graph rules). */
export function evaluateTerraformResources(packs: readonly PolicyPack[], subjects: readonly TerraformSubject[], today: string): PolicyFinding[] {
  const context = { resources: subjects.map((subject) => subject.resource) };
  const names = subjects.map(({ resource }) => `${resource.type}.${resource.name}`);
  const findings: PolicyFinding[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules.filter((r): r is TerraformRule => r.target === "terraform")) {
      subjects.forEach((subject, i) => {
        const { resource } = subject;
        if (rule.resourceTypes !== "*" && !rule.resourceTypes.includes(resource.type)) return;
        const result = ruleResult(rule, resource, context, subject.path);
        const found = addFinding(findings, rule, pack, subject.path, names[i], result);
        if (found) applySuppression(found, subject.suppressions.filter((s) => s.ruleId === rule.id), today);
      });
    }
  }
  return findings;
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
export function objectRef(object: PolicyKubernetesObject): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${object.kind}/${namespace}/${name}` : `${object.kind}/${name}`;
}

/** Evaluates the packs' Kubernetes rules on a set of objects (the context of rules that look at neighbours). */
export function evaluateKubernetesObjects(packs: readonly PolicyPack[], subjects: readonly KubernetesSubject[], today: string): PolicyFinding[] {
  const context = { objects: subjects.map((subject) => subject.object) };
  const refs = subjects.map((subject) => objectRef(subject.object));
  const findings: PolicyFinding[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules.filter((r): r is KubernetesRule => r.target === "kubernetes")) {
      subjects.forEach((subject, i) => {
        const { object } = subject;
        if (rule.kinds !== "*" && !rule.kinds.includes(object.kind)) return;
        const result = ruleResult(rule, object, context, subject.path);
        const found = addFinding(findings, rule, pack, subject.path, refs[i], result);
        if (found) applySuppression(found, subject.suppressions.filter((s) => s.ruleId === rule.id && coversObject(s, object.kind, object.metadata.namespace, object.metadata.name)), today);
      });
    }
  }
  return findings;
}
