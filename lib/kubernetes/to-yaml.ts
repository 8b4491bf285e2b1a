/** Plain data that can be written as YAML: what Kubernetes objects are made of. */
export type YamlValue = string | number | boolean | null | undefined | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/**
 * Writes plain data as a YAML document: block style, keys sorted, two-space indent, no anchors, no tags.
 * Strings stay plain only when every YAML 1.1 and 1.2 parser reads them back as the same string (so `yes`,
 * `on`, `1.0` or `null` are quoted); multi-line strings become literal blocks; anything else is a
 * double-quoted JSON string, which is valid YAML. `undefined` members are left out, like JSON.
 * Much faster than a general YAML library for the thousands of objects of a large platform.
 */
export function toYaml(value: YamlValue): string {
  const lines: string[] = [];
  writeValue(value, 0, lines, "");
  return `${lines.join("\n")}\n`;
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./:@-]*$/;
const YAML_1_1_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as yaml; use a finite number`);
    return String(value);
  }
  return PLAIN.test(value) && !YAML_1_1_WORDS.test(value) && !value.endsWith(":") ? value : JSON.stringify(value);
}

/** A literal block (`|`) for multi-line text that needs no escapes, or undefined. */
function literalBlock(text: string, indent: string): string[] | undefined {
  if (!text.includes("\n") || /[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufeff]/.test(text) || /^[ \t\n]/.test(text)) return undefined;
  const body = text.replace(/\n+$/, "");
  const trailing = text.length - body.length;
  const chomping = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const lines = (trailing > 1 ? text.slice(0, -1) : body).split("\n");
  return [`|${chomping}`, ...lines.map((line) => (line === "" ? "" : `${indent}${line}`))];
}

function isCollection(value: YamlValue): value is readonly YamlValue[] | { readonly [key: string]: YamlValue } {
  return typeof value === "object" && value !== null;
}

/** A mapping's keys to write: those with a value, sorted (by code units, as `compareStrings`). */
function keysToWrite(mapping: { readonly [key: string]: YamlValue }): string[] {
  const keys: string[] = [];
  for (const key of Object.keys(mapping)) if (mapping[key] !== undefined) keys.push(key);
  return keys.sort();
}

/** Keys as written (`scalar`), remembered: objects of one kind share their keys. */
const KEY_SCALARS = new Map<string, string>();
function keyScalar(key: string): string {
  let written = KEY_SCALARS.get(key);
  if (written === undefined) {
    written = scalar(key);
    if (KEY_SCALARS.size < 10_000) KEY_SCALARS.set(key, written);
  }
  return written;
}

/** Indents by depth, built once: 10,000 objects of a large platform ask for them millions of times. */
const INDENTS: string[] = [];
function indentOf(depth: number): string {
  return (INDENTS[depth] ??= "  ".repeat(depth));
}

/**
 * Writes `value` whose first line continues `prefix` (a key with its colon, a dash, or nothing) at
 * nesting depth `depth`.
 */
function writeValue(value: YamlValue, depth: number, lines: string[], prefix: string): void {
  const indent = indentOf(depth);
  const lead = prefix ? `${prefix} ` : "";
  if (!isCollection(value)) {
    const block = typeof value === "string" ? literalBlock(value, indent) : undefined;
    if (block) {
      lines.push(`${lead}${block[0]}`);
      for (let i = 1; i < block.length; i++) lines.push(block[i]);
    } else {
      lines.push(`${lead}${scalar(value ?? null)}`);
    }
    return;
  }
  const keys = Array.isArray(value) ? undefined : keysToWrite(value as { readonly [key: string]: YamlValue });
  if ((keys ?? (value as readonly YamlValue[])).length === 0) {
    lines.push(`${lead}${keys ? "{}" : "[]"}`);
    return;
  }
  if (prefix && !prefix.endsWith("-")) {
    lines.push(prefix);
    prefix = "";
  }
  if (!keys) {
    const items = value as readonly YamlValue[];
    for (let i = 0; i < items.length; i++) writeValue(items[i], depth + 1, lines, i === 0 && prefix ? `${prefix} -` : `${indent}-`);
    return;
  }
  const mapping = value as { readonly [key: string]: YamlValue };
  for (let i = 0; i < keys.length; i++) {
    // The first key of a mapping inside a sequence item shares the line of its dash.
    const keyLead = i === 0 && prefix ? `${prefix} ` : indent;
    writeValue(mapping[keys[i]], depth + 1, lines, `${keyLead}${keyScalar(keys[i])}:`);
  }
}
