import { Tokenization } from "cdktf";
// the module object itself (not an import copy), so the function set here is the one its callers find
import cdktfUtil = require("cdktf/lib/util");

/** Keys remembered at most: attribute names are few, but map keys a user writes may be many. */
const MAX_REMEMBERED_KEYS = 10_000;
const snakeCaseOfKey = new Map<string, string>();

/**
 * cdktf 0.21's `keysToSnakeCase` (util.js) with each key's snake case remembered. Every element's
 * `toTerraform()` snake-cases the keys of all its attributes, at prepare and again at synth: with 1,000 app stacks
 * that is some 300,000 calls of three regular expressions each, for about 150 distinct keys (the azurerm provider's
 * `features` block in every stack), a twelfth of the synth. The result is the same object cdktf builds.
 */
function keysToSnakeCase(object: unknown): unknown {
  if (Tokenization.isResolvable(object)) return object;
  if (Array.isArray(object)) return object.map((e) => (typeof e === "object" ? keysToSnakeCase(e) : e));
  const source = object as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    let value = source[key];
    // cdktf leaves the keys of these two maps as written
    if (key === "tags" || key === "environment") {
      result[key] = value;
      continue;
    }
    if (typeof value === "object") value = keysToSnakeCase(value);
    if (Array.isArray(value)) value = value.map((e) => (typeof e === "object" ? keysToSnakeCase(e) : e));
    result[snakeCase(key)] = value;
  }
  return result;
}

function snakeCase(key: string): string {
  let snake = snakeCaseOfKey.get(key);
  if (snake === undefined) {
    snake = cdktfUtil.snakeCase(key);
    if (snakeCaseOfKey.size < MAX_REMEMBERED_KEYS) snakeCaseOfKey.set(key, snake);
  }
  return snake;
}

/**
 * Puts the remembering `keysToSnakeCase` in cdktf's util module, which every element's `toTerraform()` calls
 * through (`util_1.keysToSnakeCase(...)`). Only for cdktf 0.21, whose function it repeats (the caller checks).
 */
export function rememberSnakeCaseKeys(): void {
  (cdktfUtil as { keysToSnakeCase: unknown }).keysToSnakeCase = keysToSnakeCase;
}
