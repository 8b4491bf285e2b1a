import * as fs from "fs";
import * as path from "path";
import { DEFAULT_POLICY_PACKS, definePolicyPack, defineRule, NOT_APPLICABLE, rulesMarkdown } from "../../lib/policy";

describe("RULES.md", () => {
  test("is current: generated from the rules (run `npm run rules` after changing a rule)", () => {
    const committed = fs.readFileSync(path.join(__dirname, "..", "..", "RULES.md"), "utf8");
    expect(committed).toBe(rulesMarkdown(DEFAULT_POLICY_PACKS));
  });

  test("lists every rule once, with its pack, severity and Checkov id", () => {
    const text = rulesMarkdown(DEFAULT_POLICY_PACKS);
    const ids = DEFAULT_POLICY_PACKS.flatMap((pack) => pack.rules.map((rule) => rule.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(text.match(new RegExp(`^\\| ${id} \\|`, "gm"))).toHaveLength(1);
    expect(text).toContain("| GITOPS-AKS-1 | error | The AKS cluster has local accounts disabled");
    expect(text).toMatch(/\| GITOPS-AKS-1 \|.*\| CKV_AZURE_141 \| `azurerm_kubernetes_cluster` \|/);
    expect(text).toContain("## Pack `gitops`");
  });
});

describe("defineRule and definePolicyPack", () => {
  const rule = { target: "kubernetes" as const, kinds: "*" as const, severity: "error" as const, what: "checks a thing", why: "because it matters", fix: "do the right thing", evaluate: () => NOT_APPLICABLE };

  test("refuse malformed ids, missing documentation and bad Checkov ids, listing every problem", () => {
    expect(() => defineRule({ ...rule, id: "aks-1", why: "", checkov: "CKV-1" })).toThrow(
      /invalid policy rule aks-1 \(3 problems\):\n {2}- id "aks-1" is not valid; use upper-case words and a number such as GITOPS-AKS-3\n {2}- why is missing or too short; say it in a sentence\n {2}- checkov "CKV-1" is not a Checkov id/,
    );
  });

  test("a pack refuses a bad name and duplicate rule ids", () => {
    const one = defineRule({ ...rule, id: "TEAM-ONE-1" });
    expect(() => definePolicyPack("Team Pack", "rules of the team", [one, one])).toThrow(
      /name is not valid; use lower-case letters, digits and hyphens\n.*rule id TEAM-ONE-1 is used twice; give each rule its own id/,
    );
    expect(definePolicyPack("team", "rules of the team", [one]).rules).toEqual([one]);
  });
});
