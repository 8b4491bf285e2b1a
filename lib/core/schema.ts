import { safeParse } from "zod";
import type { z } from "zod";
import { Problem } from "./validation-error";

/**
 * Checks `value` against a zod 4 schema and returns its structural problems (unknown keys with a "did you
 * mean", wrong types and missing fields, each with its path under `root`). An empty list means the shape is right;
 * semantic rules run on top of it.
 */
export function schemaProblems(schema: z.core.$ZodType, value: unknown, root: string): Problem[] {
  // typed as zod's core schema, not z.ZodType: comparing a large strict object schema with z.ZodType took tsc 1.3 s
  const result = safeParse(schema, value);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => issueProblems(schema, issue, value, root));
}

function issueProblems(schema: z.core.$ZodType, issue: z.core.$ZodIssue, input: unknown, root: string): Problem[] {
  const path = joinPath(root, issue.path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = shapeKeys(schema, issue.path);
      return issue.keys.map((key) => {
        const close = closest(key, known);
        return { path: joinPath(path, [key]), message: `unknown field "${key}"; ${close ? `did you mean "${close}"?` : "remove it"}` };
      });
    }
    case "invalid_type": {
      const value = valueAt(input, issue.path);
      const expected = article(issue.expected === "record" ? "object" : issue.expected);
      // A schema's own message (set with `{ error }`) says more than the generic one.
      if (value !== undefined && !issue.message.startsWith("Invalid input")) return [{ path, message: `${describe(value)} ${issue.message}` }];
      return [{ path, message: value === undefined ? `is missing; set it to ${expected}` : `${describe(value)} is not ${expected}; use ${expected}` }];
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
      const value = valueAt(input, issue.path);
      return [{ path, message: value === undefined ? `is missing; set it to one of ${allowed}` : `${describe(value)} is not allowed; use one of ${allowed}` }];
    }
    case "invalid_union": {
      const options = (issue as { options?: readonly unknown[] }).options;
      if (!options) return [{ path, message: `${describe(valueAt(input, issue.path))} does not match any allowed shape; see the documentation of the field` }];
      const allowed = options.map((v) => JSON.stringify(v)).join(", ");
      const value = valueAt(input, issue.path);
      return [{ path, message: value === undefined ? `is missing; set it to one of ${allowed}` : `${describe(value)} is not allowed; use one of ${allowed}` }];
    }
    default:
      return [{ path, message: issue.message.toLowerCase() }];
  }
}

function joinPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, key) => (typeof key === "number" ? `${at}[${key}]` : at ? `${at}.${String(key)}` : String(key)), root);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== "object" || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** The field names the schema allows at `path` (every option of a union), for "did you mean". */
function shapeKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  const walk = (node: z.core.$ZodType, rest: readonly PropertyKey[]): void => {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    const inner = (name: string) => def[name] as z.core.$ZodType;
    switch (def.type) {
      case "optional": case "nullable": case "default": case "readonly": case "catch": case "nonoptional": case "prefault":
        return walk(inner("innerType"), rest);
      case "pipe":
        return walk(inner("in"), rest);
      case "lazy":
        return walk((def.getter as () => z.core.$ZodType)(), rest);
      case "union":
        return (def.options as z.core.$ZodType[]).forEach((option) => walk(option, rest));
      case "array":
        return rest.length > 0 ? walk(inner("element"), rest.slice(1)) : undefined;
      case "record":
        return rest.length > 0 ? walk(inner("valueType"), rest.slice(1)) : undefined;
      case "object": {
        const shape = def.shape as Record<string, z.core.$ZodType>;
        if (rest.length === 0) Object.keys(shape).forEach((key) => keys.add(key));
        else if (Object.prototype.hasOwnProperty.call(shape, rest[0])) walk(shape[rest[0] as string], rest.slice(1));
        return;
      }
      default:
        return;
    }
  };
  walk(schema, path);
  return [...keys];
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** The candidate within edit distance 2 (or a third of the word) of `word`, if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
