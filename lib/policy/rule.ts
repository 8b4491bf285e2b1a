import { throwIfProblems } from "../core/validation-error";

/**
 * The shape of a policy rule (cdk-nag's model): a pure function over one synthesized Terraform resource or one
 * Kubernetes object that says compliant, non-compliant, not applicable, or that a value it needs cannot be known
 * at synth (unresolved: reported, never passed).
 */

/** How a non-compliant finding is treated: errors fail synth and the pull-request check, warnings are reported. */
export type PolicySeverity = "error" | "warning";

/** What a rule says about one resource or object. */
export type RuleResult =
  | { readonly status: "compliant" }
  | { readonly status: "not-applicable" }
  | { readonly status: "non-compliant"; readonly detail: string }
  | { readonly status: "unresolved"; readonly detail: string };

/** The resource or object is compliant. */
export const COMPLIANT: RuleResult = Object.freeze({ status: "compliant" });
/** The rule does not apply to this resource or object (e.g. a Premium-only setting on a Basic registry). */
export const NOT_APPLICABLE: RuleResult = Object.freeze({ status: "not-applicable" });
/** The resource or object breaks the rule; `detail` says what was found. */
export function nonCompliant(detail: string): RuleResult {
  return { status: "non-compliant", detail };
}
/** A value the rule needs is only known at apply time (a Terraform expression); `detail` names it. */
export function unresolved(detail: string): RuleResult {
  return { status: "unresolved", detail };
}

/** A synthesized Terraform resource: its type, its name in the stack, and its JSON body (snake_case keys). */
export interface TerraformResourceInput {
  /** e.g. `azurerm_kubernetes_cluster`. */
  readonly type: string;
  /** The resource's name in its stack (its logical id). */
  readonly name: string;
  /** The body as written to `cdk.tf.json`; references are Terraform expressions such as `${azurerm_subnet.x.id}`. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** What a Terraform rule sees besides its resource: every resource of the same stack (for graph rules). */
export interface TerraformRuleContext {
  readonly resources: readonly TerraformResourceInput[];
}

/** A Kubernetes object as plain data (what is written to the GitOps repository). */
export interface PolicyKubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** What a Kubernetes rule sees besides its object: every object evaluated with it (same stack or folder). */
export interface KubernetesRuleContext {
  readonly objects: readonly PolicyKubernetesObject[];
}

/** What every rule documents (RULES.md is generated from these fields). */
export interface RuleDocumentation {
  /** `GITOPS-<AREA>-<n>`, e.g. `GITOPS-AKS-3`; never reused for another check. */
  readonly id: string;
  readonly severity: PolicySeverity;
  /** What the rule checks, one sentence. */
  readonly what: string;
  /** Why it matters, one or two sentences. */
  readonly why: string;
  /** How to fix a finding (a prop, a spec field or a suppression). */
  readonly fix: string;
  /** The Checkov check with the same intent, e.g. `CKV_AZURE_141`. @default - none */
  readonly checkov?: string;
}

/** A rule over synthesized Terraform resources. */
export interface TerraformRule extends RuleDocumentation {
  readonly target: "terraform";
  /** The resource types the rule is evaluated on; other types are not evaluated. */
  readonly resourceTypes: readonly string[] | "*";
  readonly evaluate: (resource: TerraformResourceInput, context: TerraformRuleContext) => RuleResult;
}

/** A rule over Kubernetes objects. */
export interface KubernetesRule extends RuleDocumentation {
  readonly target: "kubernetes";
  /** The kinds (`kind`, any apiVersion) the rule is evaluated on, or `*` for every object. */
  readonly kinds: readonly string[] | "*";
  readonly evaluate: (object: PolicyKubernetesObject, context: KubernetesRuleContext) => RuleResult;
}

/** Any rule. */
export type PolicyRule = TerraformRule | KubernetesRule;

const RULE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[1-9]\d*$/;

/** Checks the documentation fields of a rule and returns it; throws naming the rule when one is missing or malformed. */
export function defineRule<R extends PolicyRule>(rule: R): R {
  const problems: string[] = [];
  if (!RULE_ID.test(rule.id)) problems.push(`id "${rule.id}" is not valid; use upper-case words and a number such as GITOPS-AKS-3`);
  for (const field of ["what", "why", "fix"] as const) {
    if (rule[field].trim().length < 10) problems.push(`${field} is missing or too short; say it in a sentence`);
  }
  if (rule.checkov !== undefined && !/^CKV2?_[A-Z0-9]+_\d+$/.test(rule.checkov)) problems.push(`checkov "${rule.checkov}" is not a Checkov id; use one such as CKV_AZURE_141`);
  throwIfProblems(`policy rule ${rule.id}`, problems);
  return Object.freeze(rule);
}
