/**
 * Attribute rendering for the hand-written Azure DevOps bindings (no prebuilt cdktf provider for
 * microsoft/azuredevops is on the npm registry). Attributes are written once, snake_case as in the provider's
 * schema, with nested blocks as arrays of attribute objects; these functions give cdktf the JSON form and the
 * HCL form (`cdktf synth --hcl`) of the same attributes.
 */

import { Token } from "cdktf";

/** Terraform reads `${` and `%{` in a string as a template; a plain user string (no cdktf token) is escaped. */
function literal(value: string): string {
  return Token.isUnresolved(value) ? value : value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

function scalar(value: string | number | boolean): string | number | boolean {
  return typeof value === "string" ? literal(value) : value;
}

/** A value of a Terraform argument: scalar, list of scalars, or a list of nested blocks. */
export type AttributeValue = string | number | boolean | readonly string[] | readonly number[] | readonly AttributeBlock[] | undefined;
/** A resource's (or nested block's) arguments, snake_case names; undefined values are left out. */
export interface AttributeBlock {
  readonly [name: string]: AttributeValue;
}

function isBlockList(value: readonly unknown[]): boolean {
  return value.length > 0 && typeof value[0] === "object" && value[0] !== null;
}

function scalars(value: readonly unknown[]): (string | number | boolean)[] {
  return value.map((v) => scalar(v as string | number | boolean));
}

/** The JSON form: undefined arguments removed, blocks as arrays of objects (Terraform JSON accepts both forms). */
export function jsonAttributes(attributes: AttributeBlock): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) result[name] = scalar(value as string | number | boolean);
    else result[name] = isBlockList(value) ? (value as readonly AttributeBlock[]).map(jsonAttributes) : scalars(value);
  }
  return result;
}

/** The HCL form cdktf expects from `synthesizeHclAttributes`: each argument with its kind and storage type. */
export function hclAttributes(attributes: AttributeBlock): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (isBlockList(value)) {
        result[name] = { value: (value as readonly AttributeBlock[]).map(hclAttributes), isBlock: true, type: "list", storageClassType: `${name}List` };
      } else {
        const element = typeof value[0] === "number" ? "numberList" : "stringList";
        result[name] = { value: scalars(value), isBlock: false, type: "list", storageClassType: element };
      }
    } else {
      result[name] = { value: scalar(value as string | number | boolean), isBlock: false, type: "simple", storageClassType: typeof value };
    }
  }
  return result;
}
