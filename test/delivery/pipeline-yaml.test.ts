import YAML from "yaml";
import { Commented, pipelineYaml } from "../../lib/delivery/pipeline-yaml";

describe("pipeline YAML writer", () => {
  const tricky = ["yes", "no", "on", "null", "~", "1.0", "0x10", "12", "-x", "a: b", "a #b", "#c", "*alias", "&anchor", "!tag", "%x", "@at", "`tick`", '"q"', "it's", `both "and" it's`, "${{ vars.X }}", " lead", "trail ", "tab\there", "{}", "[]", "a,b", "?", "|", ">", ""];

  test.each(tricky)("%j reads back as the same string", (value) => {
    const text = pipelineYaml([], { key: value, list: [value], nested: { [value || "empty"]: value } });
    expect(YAML.parse(text)).toEqual({ key: value, list: [value], nested: { [value || "empty"]: value } });
  });

  test("keys keep their order, scripts become literal blocks, comments trail their value", () => {
    const text = pipelineYaml(["header"], { name: "build", on: { push: {} }, run: "echo a\necho b\n", uses: new Commented("o/r@0123", "v1.2.3"), steps: [{ a: 1, b: [true, null] }] });
    expect(text).toBe(["# header", "name: build", "on:", "  push: {}", "run: |", "  echo a", "  echo b", "uses: o/r@0123 # v1.2.3", "steps:", "  - a: 1", "    b:", "      - true", "      - null", ""].join("\n"));
    expect(YAML.parse(text).run).toBe("echo a\necho b\n");
  });

  test("multi-line text keeps trailing newlines exactly", () => {
    for (const value of ["a\nb", "a\nb\n", "a\nb\n\n", "a\n\nb\n"]) expect(YAML.parse(pipelineYaml([], { v: value })).v).toBe(value);
  });
});
