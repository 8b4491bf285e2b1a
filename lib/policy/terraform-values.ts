import { COMPLIANT, nonCompliant, RuleResult, TerraformResourceInput, TerraformRuleContext, unresolved } from "./rule";

/** True when a value holds a Terraform expression (`${...}`) anywhere: known only at plan or apply time. */
export function hasExpression(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(hasExpression);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasExpression);
  return false;
}

/**
 * The value at a dotted path of a resource body, e.g. `default_node_pool.host_encryption_enabled`. A block
 * written as a one-element list is read through its first element (cdktf writes single blocks either way).
 * Undefined when any step is missing.
 */
export function lookup(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const key of path.split(".")) {
    if (Array.isArray(current)) current = current.length === 1 ? current[0] : undefined;
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The list of blocks at `path` (a single block as a list of one; none as an empty list). */
export function blocks(body: unknown, path: string): Record<string, unknown>[] {
  const value = lookup(body, path);
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object");
}

/** Options of `checkAttribute`. */
export interface AttributeCheck {
  /** What a compliant value looks like, for the finding's detail (e.g. `true`, `"Deny"`). */
  readonly expected: string;
  /** The provider's default when the attribute is not set. @default - not set is non-compliant */
  readonly providerDefault?: unknown;
}

/**
 * Checks one attribute: unresolved when it holds an expression, non-compliant when it is missing (and has no
 * provider default) or `accept` refuses it.
 */
export function checkAttribute(body: unknown, path: string, accept: (value: unknown) => boolean, check: AttributeCheck): RuleResult {
  const set = lookup(body, path);
  const value = set === undefined ? check.providerDefault : set;
  if (value === undefined) return nonCompliant(`${path} is not set; set it to ${check.expected}`);
  if (hasExpression(value)) return unresolved(`${path} is ${JSON.stringify(value)}, known only at apply time`);
  if (accept(value)) return COMPLIANT;
  const shown = set === undefined ? `not set (provider default ${JSON.stringify(value)})` : JSON.stringify(value);
  return nonCompliant(`${path} is ${shown}; expected ${check.expected}`);
}

/** Compliant when the attribute is `expected` (after the provider default is applied). */
export function expectEquals(body: unknown, path: string, expected: unknown, providerDefault?: unknown): RuleResult {
  return checkAttribute(body, path, (value) => value === expected, { expected: JSON.stringify(expected), providerDefault });
}

/** Compliant when the attribute is a number of at least `minimum`. */
export function expectAtLeast(body: unknown, path: string, minimum: number, providerDefault?: unknown): RuleResult {
  return checkAttribute(body, path, (value) => typeof value === "number" && value >= minimum, { expected: `${minimum} or more`, providerDefault });
}

/** The first result that is not compliant, else compliant (for rules made of several attribute checks). */
export function allOf(...results: RuleResult[]): RuleResult {
  return results.find((result) => result.status === "non-compliant") ?? results.find((result) => result.status === "unresolved") ?? COMPLIANT;
}

/** The Terraform address `<type>.<name>` that other resources' expressions use to refer to a resource. */
export function terraformAddress(resource: TerraformResourceInput): string {
  return `${resource.type}.${resource.name}`;
}

/** The resources of the stack of a given type whose `attribute` refers to `target` (`${<type>.<name>.id}` ...). */
export function referrers(context: TerraformRuleContext, type: string, attribute: string, target: TerraformResourceInput): TerraformResourceInput[] {
  const reference = `\${${terraformAddress(target)}.`;
  return context.resources.filter((resource) => {
    if (resource.type !== type) return false;
    const value = lookup(resource.body, attribute);
    const values = Array.isArray(value) ? value : [value];
    return values.some((v) => typeof v === "string" && v.includes(reference));
  });
}
