import { TerraformElement, TerraformOutput, TerraformResource, TerraformStack, Token } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { extractTokenDouble } from "cdktf/lib/tokens/private/encoding";
import { deepMerge } from "cdktf/lib/util";
import { IConstruct } from "constructs";

/** The `resource` section of a synthesized stack: type → name → body. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/**
 * The stack's resources, resolved as synth writes them to `cdk.tf.json`. Only resources are resolved: the
 * stack's `toTerraform()` resolves every element (providers, outputs, backends) and then the merged result a
 * second time, which made the policy checks a fifth of the synth time with 1,000 app stacks. A stack with
 * its own overrides (`stack.addOverride`) can change any block, so it is resolved whole.
 */
export function resolvedResources(stack: TerraformStack): Resources {
  // `rawOverrides` is internal to cdktf; `toTerraform()` merges it into the resolved JSON.
  const overrides = (stack as unknown as { rawOverrides?: object }).rawOverrides ?? {};
  if (Object.keys(overrides).length > 0) return (stack.toTerraform() as { resource?: Resources }).resource ?? {};
  const resources: Resources = {};
  for (const element of elementsOf(stack)) {
    if (!TerraformResource.isTerraformResource(element)) continue;
    const fragment = resolvedValue(stack, element.toTerraform(), 0) as { resource?: Resources };
    for (const [type, byName] of Object.entries(fragment.resource ?? {})) Object.assign((resources[type] ??= {}), byName);
  }
  return resources;
}

/**
 * The stack's JSON as `stack.toTerraform()` returns it, less its last step: cdktf resolves every element, merges
 * the results and then resolves the merged JSON once more, which holds no token by then (a sixth of a synth of
 * 1,000 apps). A stack with overrides of its own (`stack.addOverride`, whose values may hold tokens) or its own
 * `toTerraform` is left to cdktf. The steps are cdktf 0.21's `TerraformStack.toTerraform`. `reusePrepared`: no
 * construct changed since `prepareStack` (no Aspect but the policy checks ran, custom synthesis only wrote
 * files), so the elements it resolved are taken as they are.
 */
export function resolvedStack(stack: TerraformStack, reusePrepared = false): Record<string, unknown> {
  const prepared = preparedElements.get(stack);
  preparedElements.delete(stack);
  const overrides = (stack as unknown as { rawOverrides?: object }).rawOverrides ?? {};
  if (Object.keys(overrides).length > 0 || stack.toTerraform !== TerraformStack.prototype.toTerraform) return stack.toTerraform() as Record<string, unknown>;
  const elements = elementsOf(stack);
  const metadata: Record<string, unknown> = { version: (stack as unknown as { cdktfVersion?: string }).cdktfVersion, stackName: stack.node.id, backend: "local" };
  for (const e of elements) deepMerge(metadata, resolvedValue(stack, e.toMetadata(), 0));
  const outputs: Record<string, unknown> = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    // the output's id nested under its construct path, as cdktf writes it
    deepMerge(outputs, e.node.path.split("/").reduceRight<Record<string, unknown>>((inner, part) => ({ [part]: Object.keys(inner).length === 0 ? e.friendlyUniqueId : inner }), {}));
  }
  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const e of elements) deepMerge(tf, reusePrepared && prepared?.has(e) ? prepared.get(e) : resolvedValue(stack, e.toTerraform(), 0));
  return tf;
}

/**
 * `resolve(stack, value)` for less: cdktf's resolve builds a resolution context for every value it meets, tokens
 * or not (a fifth of a synth of 1,000 apps). This copies plain values as cdktf's resolve returns them (undefined
 * dropped from objects and arrays) and hands cdktf's resolve only what holds a token (see `holdsToken`), whole.
 * It always returns new objects and arrays, as cdktf's does: `deepMerge` writes into them. `preparing`: cdktf's
 * preparing mode (see `prepareStack`).
 */
function resolvedValue(stack: TerraformStack, value: unknown, depth: number, preparing = false): unknown {
  // past cdktf's depth limit, its resolve reports the cycle; it also refuses functions
  if (depth > 200 || typeof value === "function" || holdsToken(value)) return resolve(stack, value, preparing);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (Array.isArray(value)) {
    if (value.some(isListToken)) return resolve(stack, value, preparing);
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolvedValue(stack, item, depth + 1, preparing);
      if (resolved !== undefined) items.push(resolved);
    }
    return items;
  }
  // the keys once: a key with a token has the object resolved whole
  const keys = Object.keys(value);
  if (keys.some((key) => TOKEN_IN_STRING.test(key))) return resolve(stack, value, preparing);
  const object: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolvedValue(stack, (value as Record<string, unknown>)[key], depth + 1, preparing);
    if (resolved !== undefined) object[key] = resolved;
  }
  return object;
}

/**
 * `stack.prepareStack()` with the same effect, and its result kept: cdktf resolves every element in "preparing"
 * mode (which registers the cross-stack references it meets) and throws the result away, then resolves every
 * element again to write it. Preparing mode changes only what a cross-stack reference resolves to the first
 * time it is met in a stack (it registers it, and every later resolve in that stack gives the same), so the JSON
 * resolved here is the JSON written, unless something changes an element in between: `resolvedStack` takes it
 * only when told nothing did (`reusePrepared`), and once. Elements added in between (the outputs and remote
 * states of cross-stack references other stacks' preparing adds) are resolved then. A third of the resolving of
 * a synth of 1,000 apps.
 */
export function prepareStack(stack: TerraformStack): void {
  stack.ensureBackendExists();
  const prepared = new Map<TerraformElement, unknown>();
  for (const element of elementsOf(stack)) prepared.set(element, resolvedValue(stack, element.toTerraform(), 0, true));
  preparedElements.set(stack, prepared);
}

/** Each stack's elements as its last `prepareStack` resolved them, until `resolvedStack` takes them. */
const preparedElements = new WeakMap<TerraformStack, Map<TerraformElement, unknown>>();

/** Tokens in a string: string, list and map token markers, or what may be an encoded number token. */
const TOKEN_IN_STRING = /\{TfToken\[|[\d.]e[-+\d]/;

/**
 * True for what cdktf's resolve treats as a token: a token string or number, a map token value (refused in a
 * scalar context), a resolvable object or a construct (which it refuses with its own message). A list holding a
 * list token, or an object with a token key, is resolved whole too (see `resolvedValue`).
 */
function holdsToken(value: unknown): boolean {
  if (typeof value === "string") return TOKEN_IN_STRING.test(value) || value === Token.STRING_MAP_TOKEN_VALUE || value === Token.ANY_MAP_TOKEN_VALUE;
  if (typeof value === "number") return value === Token.NUMBER_MAP_TOKEN_VALUE || extractTokenDouble(value, false) !== undefined || extractTokenDouble(value, true) !== undefined;
  if (value === null || typeof value !== "object") return false;
  const object = value as Record<string, unknown>;
  return typeof object.resolve === "function" || (object._children !== undefined && object._metadata !== undefined);
}

/** A list token in a list: an encoded list string or number. */
function isListToken(item: unknown): boolean {
  return typeof item === "string" ? item.includes("#{TfToken[") : typeof item === "number" && extractTokenDouble(item, true) !== undefined;
}

/** The stack's Terraform elements in construct order, without those of nested stacks (as cdktf collects them). */
function elementsOf(scope: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  for (const child of scope.node.children) {
    if (TerraformStack.isStack(child)) continue;
    if (TerraformElement.isTerraformElement(child)) into.push(child);
    elementsOf(child, into);
  }
  return into;
}
