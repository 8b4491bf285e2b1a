import { parse } from "yaml";
import { toYaml, YamlValue } from "../../lib/kubernetes/to-yaml";

/** A small deterministic random generator, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const TRICKY_STRINGS = [
  "", " ", "yes", "No", "ON", "off", "true", "null", "~", "1.0", "0x1F", "1e3", ".inf", "-", "- item", "a: b", "a:", "#comment",
  "key: value\n", "line1\nline2", "line1\nline2\n", "trailing\n\n\n", "\nleading newline", "  indented\nnext", "tab\tinside",
  "ends with space ", "quote\"inside", "back\\slash", "unicode é ✓", "emoji 🚀", "control\u0001char", "\r\nwindows", "@at", "&anchor",
  "*alias", "!tag", "%percent", "{flow}", "[flow]", "'single'", "2024-01-01", "12:30", "acr.io/web:1.0@sha256:abc", "${VAR}",
  "multi\n  indented line\n\tand tab\n", "a\n   \nb", "0755", "+1", ".5", "=", "<<",
];

function randomValue(next: () => number, depth: number): YamlValue {
  const pick = next();
  if (depth > 3 || pick < 0.45) {
    const kind = Math.floor(next() * 5);
    if (kind === 0) return Math.floor(next() * 2000) - 1000;
    if (kind === 1) return next() < 0.5;
    if (kind === 2) return null;
    return TRICKY_STRINGS[Math.floor(next() * TRICKY_STRINGS.length)];
  }
  const size = Math.floor(next() * 4);
  if (pick < 0.7) return Array.from({ length: size }, () => randomValue(next, depth + 1));
  const object: Record<string, YamlValue> = {};
  for (let i = 0; i < size; i++) object[TRICKY_STRINGS[Math.floor(next() * TRICKY_STRINGS.length)]] = randomValue(next, depth + 1);
  return object;
}

describe("toYaml", () => {
  test("writes Kubernetes-style objects in block style with sorted keys", () => {
    expect(
      toYaml({
        kind: "ConfigMap",
        apiVersion: "v1",
        metadata: { name: "web-config", labels: { "app.kubernetes.io/name": "web" } },
        data: { "settings.json": '{"a": 1}\n', enabled: "yes" },
        list: [{ name: "a", value: "1" }, "b"],
        empty: {},
      }),
    ).toBe(
      [
        "apiVersion: v1",
        "data:",
        "  enabled: \"yes\"",
        "  settings.json: |",
        '    {"a": 1}',
        "empty: {}",
        "kind: ConfigMap",
        "list:",
        "  - name: a",
        '    value: "1"',
        "  - b",
        "metadata:",
        "  labels:",
        "    app.kubernetes.io/name: web",
        "  name: web-config",
        "",
      ].join("\n"),
    );
  });

  test.each(TRICKY_STRINGS.map((s) => [JSON.stringify(s), s]))("round-trips the string %s in yaml 1.2 and 1.1", (_label, text) => {
    for (const value of [{ key: text }, [text], { [text]: [text, { [text]: text }] }]) {
      const yaml = toYaml(value);
      expect(parse(yaml)).toEqual(value);
      expect(parse(yaml, { version: "1.1" })).toEqual(value);
    }
  });

  test("round-trips 500 random documents", () => {
    const next = random(42);
    for (let i = 0; i < 500; i++) {
      const value = { root: randomValue(next, 0) };
      expect(parse(toYaml(value))).toEqual(value);
    }
  });

  test("leaves undefined members out and rejects non-finite numbers", () => {
    expect(toYaml({ a: undefined, b: 1 })).toBe("b: 1\n");
    expect(() => toYaml({ a: Number.NaN })).toThrow("cannot write NaN as yaml; use a finite number");
  });
});
