import { throwIfProblems } from "../core/validation-error";
import { PolicyRule } from "./rule";

/** A named set of rules evaluated together (cdk-nag's NagPack). */
export interface PolicyPack {
  /** Lower-case name, shown in the report and RULES.md, e.g. `azure-platform`. */
  readonly name: string;
  /** One line on what the pack covers. */
  readonly description: string;
  readonly rules: readonly PolicyRule[];
}

/** A pack of your own rules; throws when the name is malformed or two rules share an id. */
export function definePolicyPack(name: string, description: string, rules: readonly PolicyRule[]): PolicyPack {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]*$/.test(name)) problems.push(`policy pack "${name}": name is not valid; use lower-case letters, digits and hyphens`);
  const ids = rules.map((rule) => rule.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`policy pack "${name}": rule id ${id} is used twice; give each rule its own id`);
  throwIfProblems("policy pack", problems);
  return Object.freeze({ name, description, rules: Object.freeze([...rules]) });
}
