import { Testing, TerraformStack } from "cdktf";

/** The synthesized Terraform JSON of a stack. */
export interface TerraformJson {
  readonly terraform?: Record<string, any>;
  readonly provider?: Record<string, any[]>;
  readonly resource?: Record<string, Record<string, any>>;
  readonly data?: Record<string, Record<string, any>>;
  readonly output?: Record<string, any>;
  readonly variable?: Record<string, any>;
  readonly locals?: Record<string, any>;
}

/** Synthesizes one stack and parses its cdk.tf.json. */
export function synthJson(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack));
}

/** Every resource of `type` in the stack, without cdktf metadata. */
export function resourcesOf(json: TerraformJson, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {}).map(withoutMetadata);
}

/** The single resource of `type`; fails when there is not exactly one. */
export function onlyResource(json: TerraformJson, type: string): any {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/**
 * The resource of `type` at construct path `constructPath` inside its stack (e.g. `Network/NodeSubnet`),
 * found by its logical id (the path without `Resource` / `Default` parts, joined by `_`, plus a hash; a
 * construct directly under the stack keeps its id as it is).
 */
export function resourceAt(json: TerraformJson, type: string, constructPath: string): any {
  const prefix = constructPath
    .split("/")
    .filter((part) => part !== "Resource" && part !== "Default")
    .join("_");
  const matches = Object.entries(json.resource?.[type] ?? {}).filter(([id]) => id === prefix || (id.startsWith(`${prefix}_`) && /^[A-F0-9]{8}$/.test(id.slice(prefix.length + 1))));
  if (matches.length !== 1) throw new Error(`expected one ${type} at ${constructPath}, found ${matches.length}`);
  return withoutMetadata(matches[0][1]);
}

function withoutMetadata(resource: any): any {
  const { ["//"]: _metadata, ...rest } = resource;
  return rest;
}

const REFERENCE = /\$\{([^}]*)\}/g;
const ADDRESS = /\b(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+|var\.[A-Za-z0-9_-]+|local\.[A-Za-z0-9_-]+|[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g;

/**
 * Every `${...}` reference in the stack that points at nothing defined in it (a resource, data source,
 * variable or local), as `address (in <where>)`. A provider download is not needed for this check.
 */
export function danglingReferences(json: TerraformJson): string[] {
  const defined = new Set<string>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) for (const name of Object.keys(byName)) defined.add(`${type}.${name}`);
  for (const [type, byName] of Object.entries(json.data ?? {})) for (const name of Object.keys(byName)) defined.add(`data.${type}.${name}`);
  for (const name of Object.keys(json.variable ?? {})) defined.add(`var.${name}`);
  for (const name of Object.keys(json.locals ?? {})) defined.add(`local.${name}`);

  const dangling: string[] = [];
  const visit = (value: unknown, where: string): void => {
    if (typeof value === "string") {
      for (const [, expression] of value.matchAll(REFERENCE)) {
        for (const [address] of expression.matchAll(ADDRESS)) {
          if (!defined.has(address) && !/^(each|count|path|terraform|self)\./.test(address)) dangling.push(`${address} (in ${where})`);
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${where}[${i}]`));
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) if (key !== "//") visit(item, `${where}.${key}`);
    }
  };
  visit(json.resource, "resource");
  visit(json.data, "data");
  visit(json.output, "output");
  visit(json.provider, "provider");
  visit(json.locals, "locals");
  return dangling;
}
