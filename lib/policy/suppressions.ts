import { IConstruct } from "constructs";
import { throwIfProblems } from "../core/validation-error";

/** A reasoned exception to one rule for a construct and everything below it (cdk-nag's NagSuppression). */
export interface PolicySuppression {
  /** The rule id, e.g. `GITOPS-AKS-9`. */
  readonly ruleId: string;
  /** Why the finding is accepted, in at least 10 characters; it is written to the report. */
  readonly reason: string;
  /**
   * The last day (`YYYY-MM-DD`, UTC) the suppression holds. After it the finding counts as an unsuppressed
   * error, whatever the rule's severity, so the exception is looked at again.
   * @default - no expiry
   */
  readonly expires?: string;
  /**
   * Only these Kubernetes objects, as `Kind/name` or `Kind/namespace/name` (for suppressions on a construct
   * that writes several objects).
   * @default - every resource and object below the construct
   */
  readonly objects?: readonly string[];
}

/** A suppression as found for a finding: where it was added (construct path). */
export interface AppliedSuppression extends PolicySuppression {
  /** The construct path the suppression was added to. */
  readonly addedAt: string;
}

const SUPPRESSIONS = Symbol.for("cdktf-gitops/policy-suppressions");
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The problems of a suppression (empty when it is valid). */
export function suppressionProblems(suppression: PolicySuppression, where: string): string[] {
  const problems: string[] = [];
  if (typeof suppression.ruleId !== "string" || suppression.ruleId.trim() === "") problems.push(`${where}: ruleId is missing; name the rule, e.g. GITOPS-AKS-9`);
  const name = suppression.ruleId ?? "(no rule)";
  if (typeof suppression.reason !== "string" || suppression.reason.trim().length < 10) {
    problems.push(`${where}: suppression of ${name} has no reason of at least 10 characters; say why the finding is accepted`);
  }
  if (suppression.expires !== undefined && (!DATE.test(suppression.expires) || Number.isNaN(Date.parse(`${suppression.expires}T00:00:00Z`)))) {
    problems.push(`${where}: suppression of ${name} expires "${suppression.expires}", which is not a date; use YYYY-MM-DD`);
  }
  for (const ref of suppression.objects ?? []) {
    if (!/^[A-Za-z][A-Za-z0-9]*\/([a-z0-9.-]+\/)?[a-z0-9.-]+$/.test(ref)) problems.push(`${where}: suppression of ${name} names object "${ref}"; use Kind/name or Kind/namespace/name`);
  }
  return problems;
}

/**
 * Suppresses rules for `scope` and every construct below it (Terraform resources and Kubernetes objects they
 * write). Throws, listing every problem, when a suppression has no reason of at least 10 characters, a bad
 * expiry date or a malformed object reference.
 */
export function suppressPolicy(scope: IConstruct, suppressions: readonly PolicySuppression[]): void {
  const problems = suppressions.flatMap((suppression) => suppressionProblems(suppression, scope.node.path || "(app)"));
  throwIfProblems("policy suppression", problems);
  const holder = scope as unknown as { [SUPPRESSIONS]?: PolicySuppression[] };
  const own = holder[SUPPRESSIONS] ?? [];
  if (!holder[SUPPRESSIONS]) Object.defineProperty(scope, SUPPRESSIONS, { value: own, enumerable: false });
  own.push(...suppressions.map((suppression) => Object.freeze({ ...suppression })));
}

/** The suppressions added to `construct` and to each of its scopes, the nearest first. */
export function suppressionsOf(construct: IConstruct): AppliedSuppression[] {
  return [...construct.node.scopes].reverse().flatMap((scope) => {
    const own = (scope as unknown as { [SUPPRESSIONS]?: PolicySuppression[] })[SUPPRESSIONS] ?? [];
    return own.map((suppression) => ({ ...suppression, addedAt: scope.node.path || "(app)" }));
  });
}

/** True when `suppression` covers the Kubernetes object `Kind/namespace/name` (or has no object filter). */
export function coversObject(suppression: PolicySuppression, kind: string, namespace: string | undefined, name: string): boolean {
  if (suppression.objects === undefined) return true;
  return suppression.objects.some((ref) => ref === `${kind}/${name}` || (namespace !== undefined && ref === `${kind}/${namespace}/${name}`));
}

/** True when the suppression's expiry day is before `today` (both `YYYY-MM-DD`). */
export function isExpired(suppression: PolicySuppression, today: string): boolean {
  return suppression.expires !== undefined && suppression.expires < today;
}
