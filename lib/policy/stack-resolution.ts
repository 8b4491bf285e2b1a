import { TerraformElement, TerraformOutput, TerraformResource, TerraformStack, Token } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { ref } from "cdktf/lib/tfExpression";
import { extractTokenDouble } from "cdktf/lib/tokens/private/encoding";
import { TokenMap } from "cdktf/lib/tokens/private/token-map";
import { IConstruct } from "constructs";
import { currentSynth } from "./synth-runs";

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
  const pass = resolution(stack, false);
  for (const element of elementsOf(stack)) {
    if (!TerraformResource.isTerraformResource(element)) continue;
    const fragment = resolvedValue(pass, element.toTerraform(), 0) as { resource?: Resources };
    for (const [type, byName] of Object.entries(fragment.resource ?? {})) Object.assign((resources[type] ??= {}), byName);
  }
  return resources;
}

/**
 * The stack's JSON as `stack.toTerraform()` returns it, less its last step: cdktf resolves every element, merges
 * the results and then resolves the merged JSON once more, which holds no token by then (a sixth of a synth of
 * 1,000 apps). A stack with overrides of its own (`stack.addOverride`, whose values may hold tokens) or its own
 * `toTerraform` is left to cdktf. The steps are cdktf 0.21's `TerraformStack.toTerraform`. `reusePrepared`: the
 * elements `prepareStack` kept are taken as they are, where the synth running allows it (`currentSynth`: no
 * Aspect but the policy checks ran, custom synthesis only wrote files, no stack prepares itself its own way).
 */
export function resolvedStack(stack: TerraformStack, reusePrepared = false): Record<string, unknown> {
  const entry = preparedElements.get(stack);
  preparedElements.delete(stack);
  const synth = currentSynth(stack);
  const prepared = synth !== undefined && entry?.synth === synth ? entry.elements : undefined;
  const overrides = (stack as unknown as { rawOverrides?: object }).rawOverrides ?? {};
  if (Object.keys(overrides).length > 0 || stack.toTerraform !== TerraformStack.prototype.toTerraform) return stack.toTerraform() as Record<string, unknown>;
  const elements = elementsOf(stack);
  const pass = resolution(stack, false);
  const metadata: Record<string, unknown> = { version: (stack as unknown as { cdktfVersion?: string }).cdktfVersion, stackName: stack.node.id, backend: "local" };
  for (const e of elements) mergeResolved(metadata, resolvedValue(pass, e.toMetadata(), 0));
  const outputs: Record<string, unknown> = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    // the output's id nested under its construct path, as cdktf writes it
    mergeResolved(outputs, e.node.path.split("/").reduceRight<Record<string, unknown>>((inner, part) => ({ [part]: Object.keys(inner).length === 0 ? e.friendlyUniqueId : inner }), {}));
  }
  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const e of elements) mergeResolved(tf, reusePrepared && prepared?.has(e) ? prepared.get(e) : resolvedValue(pass, e.toTerraform(), 0));
  return tf;
}

/**
 * cdktf's `deepMerge(target, source)` (util.js), less its copy, for a source that was just resolved: where the
 * target has no object at a key, the source's object goes in itself rather than a copy of it, since resolving
 * builds new objects and arrays and drops undefined values. It goes three levels down (`resource.<type>.<name>`)
 * where cdktf's copied each body to the bottom: 12 ms against 33 ms in a profile of 1,000 apps. Arrays at the
 * same key are joined, an undefined value deletes the key, anything else replaces what was there, as in cdktf's.
 */
function mergeResolved(target: Record<string, unknown>, source: unknown): void {
  for (const key of Object.keys(source as object)) {
    const value = (source as Record<string, unknown>)[key];
    const current = target[key];
    if (value === undefined) delete target[key];
    else if (typeof value === "object" && value !== null && !Array.isArray(value) && typeof current === "object" && current !== null) mergeResolved(current as Record<string, unknown>, value);
    else target[key] = Array.isArray(value) && Array.isArray(current) ? [...current, ...value] : value;
  }
}

/** One pass of resolving a stack's values: cdktf's preparing mode or not, and the references met so far. */
interface Resolution {
  readonly stack: TerraformStack;
  /** The stack's path, as cdktf's `Reference` keys the identifiers it registered for a stack. */
  readonly stackName: string;
  readonly preparing: boolean;
  /** Strings that are one reference to an attribute (`${azurerm_x.y.id}`) → what they resolved to. */
  readonly references: Map<string, unknown>;
  /**
   * Set when a token other than one reference was resolved: a Lazy value (or a function, an iterator...) may give
   * another value when the stack is written.
   */
  mayChange: boolean;
}

function resolution(stack: TerraformStack, preparing: boolean): Resolution {
  return { stack, stackName: stack.toString(), preparing, references: new Map(), mayChange: false };
}

/** cdktf's resolve of a value that holds tokens other than one reference (see `Resolution.mayChange`). */
function resolvedByCdktf(pass: Resolution, value: unknown): unknown {
  pass.mayChange = true;
  return resolve(pass.stack, value, pass.preparing);
}

/**
 * `resolve(stack, value)` for less: cdktf's resolve builds a resolution context for every value it meets, tokens
 * or not (a fifth of a synth of 1,000 apps). This copies plain values as cdktf's resolve returns them (undefined
 * dropped from objects and arrays) and hands cdktf's resolve only what holds a token (see `holdsToken`), whole.
 * It always returns new objects and arrays, as cdktf's does: `mergeResolved` takes them into the stack's JSON.
 * `pass.preparing`: cdktf's preparing mode (see `prepareStack`).
 */
function resolvedValue(pass: Resolution, value: unknown, depth: number): unknown {
  if (typeof value === "string" && depth <= 200) return holdsToken(value) ? resolvedString(pass, value) : value;
  // past cdktf's depth limit, its resolve reports the cycle; it also refuses functions
  if (depth > 200 || typeof value === "function" || holdsToken(value)) return resolvedByCdktf(pass, value);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (Array.isArray(value)) {
    if (value.some(isListToken)) return resolvedByCdktf(pass, value);
    const items: unknown[] = [];
    for (const item of value) {
      const resolved = resolvedValue(pass, item, depth + 1);
      if (resolved !== undefined) items.push(resolved);
    }
    return items;
  }
  // the keys once: a key with a token has the object resolved whole
  const keys = Object.keys(value);
  if (keys.some((key) => TOKEN_IN_STRING.test(key))) return resolvedByCdktf(pass, value);
  const object: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolvedValue(pass, (value as Record<string, unknown>)[key], depth + 1);
    if (resolved !== undefined) object[key] = resolved;
  }
  return object;
}

/** cdktf's class of references to an attribute (`ref()`), which it does not export. */
const Reference = (ref("attribute") as object).constructor;
/** A string that is one string token, and its key in cdktf's token map. */
const ONE_TOKEN = /^\$\{TfToken\[([a-zA-Z0-9:._-]+)\]\}$/;

/**
 * A string with tokens, resolved by cdktf; a string that is one reference is resolved once per pass: every
 * reference to the same attribute resolves to the same text in a stack (preparing registers a cross-stack
 * reference the first time, and gives what later resolves give), and cdktf's resolve of one costs about 20 µs.
 * Half the token strings of 1,000 app stacks are such repeats (a resource group's name, an identity's id). Other
 * tokens are resolved each time, as cdktf does: a Lazy value may give another value each time it is produced.
 */
function resolvedString(pass: Resolution, value: string): unknown {
  const known = pass.references.get(value);
  if (known !== undefined) return known;
  const key = ONE_TOKEN.exec(value)?.[1];
  const token = key === undefined ? undefined : TokenMap.instance().lookupToken(key);
  const reference = token instanceof Reference ? (token as unknown as ReferenceFields) : undefined;
  // cdktf resolves the text a reference gives again: an identifier with a token in it (`kube_config[count.index]`,
  // a map key that is another stack's reference or a Lazy value) is resolved by cdktf each time, as other tokens
  if (reference === undefined || TOKEN_IN_STRING.test(reference.identifier)) return resolvedByCdktf(pass, value);
  const resolved = referenceText(pass, reference) ?? resolve(pass.stack, value, pass.preparing);
  pass.references.set(value, resolved);
  return resolved;
}

/** What cdktf's `Reference` holds (its class is not exported). */
interface ReferenceFields {
  readonly identifier: string;
  readonly originStack?: TerraformStack;
  readonly crossStackIdentifier: Record<string, string | undefined>;
}

/**
 * What cdktf's resolve gives for a string that is one reference, as its `Reference.resolve` computes it (cdktf
 * 0.21), without the resolve: `${identifier}`. Most of a resolve's 20 µs went to finding the stack and its path
 * again. Undefined, for cdktf to resolve, for a reference from another stack (preparing registers it, and later
 * resolves give the token it registered), and for a class other than cdktf's own `Reference`. Its identifier
 * holds no token (see `resolvedString`).
 */
function referenceText(pass: Resolution, reference: ReferenceFields): string | undefined {
  if (Object.getPrototypeOf(reference) !== Reference.prototype) return undefined;
  if (reference.crossStackIdentifier[pass.stackName] || (pass.preparing && reference.originStack && reference.originStack !== pass.stack)) return undefined;
  return `\${${reference.identifier}}`;
}

/**
 * `stack.prepareStack()` with the same effect, and its result kept: cdktf resolves every element in "preparing"
 * mode (which registers the cross-stack references it meets) and throws the result away, then resolves every
 * element again to write it. Preparing mode changes only what a cross-stack reference resolves to the first
 * time it is met in a stack (it registers it, and every later resolve in that stack gives the same), so the JSON
 * of an element that holds no token but references is the JSON written, unless something changes the element
 * in between. `resolvedStack` takes it only when told it may (`reusePrepared`), only in the synth that prepared
 * it while that synth allows it (`currentSynth`), and once. An element with any other token (a Lazy value may
 * read what later stacks' preparing changes, or give another value each time) is resolved again, as cdktf does,
 * and so are elements added in between (the outputs and remote states of cross-stack references). A third of
 * the resolving of a synth of 1,000 apps, where 3 of 6,375 elements hold another token.
 */
export function prepareStack(stack: TerraformStack): void {
  stack.ensureBackendExists();
  const elements = new Map<TerraformElement, unknown>();
  const pass = resolution(stack, true);
  for (const element of elementsOf(stack)) {
    pass.mayChange = false;
    const json = resolvedValue(pass, element.toTerraform(), 0);
    if (!pass.mayChange) elements.set(element, json);
  }
  const synth = currentSynth(stack);
  if (synth !== undefined) preparedElements.set(stack, { synth, elements });
  else preparedElements.delete(stack);
}

/**
 * Each stack's elements as its last `prepareStack` resolved them (those that hold no token but references), and
 * the synth that prepared them, until `resolvedStack` takes them.
 */
const preparedElements = new WeakMap<TerraformStack, { readonly synth: object; readonly elements: Map<TerraformElement, unknown> }>();

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
