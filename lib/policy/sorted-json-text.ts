/**
 * The text json-stable-stringify 1.x writes with `{ space: 2 }` (cdktf 0.21's cdk.tf.json writer), built with
 * the engine's JSON.stringify: a copy of the value with its keys sorted is stringified natively, and empty
 * arrays and objects, which json-stable-stringify writes over two lines (`[` newline, indent, `]`), are put
 * in as markers and replaced afterwards. json-stable-stringify builds one string per key and value: it was
 * 4% of a synth of 10,000 apps, this a third of that.
 *
 * Returns undefined for what this copy cannot reproduce byte for byte, for the caller to write the slow way:
 * integer-like keys (the engine lists them first, in numeric order), an object that is not plain (a `toJSON`
 * method, a boxed primitive), a string or key that begins with the marker's NUL character, nesting deeper than
 * `MAX_DEPTH` (a cycle, which the slow way reports).
 */
export function sortedJsonText(value: unknown): string | undefined {
  const copy = sortedCopy(value, 0);
  if (copy === UNSUPPORTED) return undefined;
  return JSON.stringify(copy, null, 2).replace(EMPTY_MARKER, (_, bracket: string, level: string) => `${bracket}\n${"  ".repeat(Number(level))}${bracket === "[" ? "]" : "}"}`);
}

/** An empty array or object at a depth, as JSON.stringify writes the marker string `\0[<depth>` or `\0{<depth>`. */
const EMPTY_MARKER = /"\\u0000([[{])(\d+)"/g;
const UNSUPPORTED = Symbol("unsupported");
const MAX_DEPTH = 1000;
/** A key JavaScript orders as an array index (before the other keys, in numeric order). */
const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

function sortedCopy(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.charCodeAt(0) === 0 ? UNSUPPORTED : value;
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH) return UNSUPPORTED;
  if (Array.isArray(value)) {
    if (value.length === 0) return `\u0000[${depth}`;
    const items = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = sortedCopy(value[i], depth + 1);
      if (item === UNSUPPORTED) return UNSUPPORTED;
      items[i] = item;
    }
    return items;
  }
  const prototype = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function") return UNSUPPORTED;
  const keys = Object.keys(value).sort();
  const copy: Record<string, unknown> = {};
  let kept = 0;
  for (const key of keys) {
    const first = key.charCodeAt(0);
    if (first === 0 || (first <= 57 && first >= 48 && INDEX_KEY.test(key) && Number(key) < 4294967295)) return UNSUPPORTED;
    const item = sortedCopy((value as Record<string, unknown>)[key], depth + 1);
    if (item === UNSUPPORTED) return UNSUPPORTED;
    // what JSON leaves out of an object (json-stable-stringify too)
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    copy[key] = item;
    kept++;
  }
  return kept === 0 ? `\u0000{${depth}` : copy;
}
