import * as fs from "fs";
import * as path from "path";
import { sortedJsonText } from "../../lib/policy/sorted-json-text";
import { deliveryPlatform, fixtureApps } from "../support/delivery";
import { buildPlatform } from "../../stacks/build-platform";
import { withSynthFolder } from "../support/synth";

// cdktf 0.21's cdk.tf.json writer, which sortedJsonText reproduces
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stableStringify = require(require.resolve("json-stable-stringify", { paths: [path.dirname(require.resolve("cdktf/package.json"))] })) as (value: unknown, options: { space: number }) => string;
const cdktfText = (value: unknown): string => stableStringify(value, { space: 2 });

describe("sortedJsonText", () => {
  test.each([
    ["scalars", { b: 1, a: "x", c: true, d: null, e: -0, f: 1.5e300, g: NaN }],
    ["empty arrays and objects at every depth", { a: [], b: {}, c: [[], {}, [[]]], d: { e: { f: [] } }, g: [{ h: {} }] }],
    ["left-out values", { a: undefined, b: () => 1, c: [undefined, () => 1, null], d: { only: undefined } }],
    ["keys sorted by code unit", { "é": 1, z: 2, Z: 3, "a-b": 4, "a_b": 5, "01": 6, "-1": 7, "1.5": 8, "4294967295": 9 }],
    ["strings that need escaping", { "quote\"key": "line\nbreak\ttab \u2028 \\u0000[3 \u0001", emoji: "🚀" }],
    ["a top-level array", [{ b: 1, a: [] }, "s", 2]],
    ["objects in order shared, a change deep inside copied", { a: { b: 1, c: [1, "x", { e: 1, d: 2 }, [], 2] }, f: { g: { h: true } }, i: [1, 2] }],
    ["an empty top-level object", {}],
    ["an empty top-level array", []],
    ["an object without a prototype", Object.assign(Object.create(null), { b: 1, a: 2 })],
  ])("writes %s as json-stable-stringify does", (_, value) => {
    expect(sortedJsonText(value)).toBe(cdktfText(value));
  });

  test.each([
    ["an integer-like key (listed first by the engine)", { b: 1, 10: 2, 9: 3 }],
    ["a string that begins with the marker character", { a: "\u0000[1" }],
    ["a key that begins with the marker character", { "\u0000{0": 1 }],
    ["a toJSON method", { when: new Date(0) }],
    ["a boxed primitive", { a: new String("x") }],
  ])("leaves %s to the slow way", (_, value) => {
    expect(sortedJsonText(value)).toBeUndefined();
  });

  test("leaves a cycle to the slow way, which reports it", () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(sortedJsonText(cycle)).toBeUndefined();
    expect(() => cdktfText(cycle)).toThrow(/circular/);
  });

  test("a platform's every cdk.tf.json is what cdktf writes, and the fast way can write it", () => {
    const { apps, pins } = fixtureApps();
    const texts = withSynthFolder(
      (app) => buildPlatform(app, deliveryPlatform(), { apps, pins }),
      (outdir) => fs.readdirSync(path.join(outdir, "stacks")).map((stack) => fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")),
    );
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      expect(cdktfText(JSON.parse(text))).toBe(text);
      expect(sortedJsonText(JSON.parse(text))).toBe(text);
    }
  });
});
