import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { terraformLiteral, terraformLiterals } from "../../lib/core/terraform-literal";
import { AppDelivery } from "../../lib/apps/app-spec";
import { toYaml } from "../../lib/kubernetes/to-yaml";
import { buildPlatform } from "../../stacks/build-platform";
import { appSpec, pinned, platformSpec } from "../support/fixtures";

const INJECTION = '${file("/etc/passwd")}';
const DIRECTIVE = "%{ for x in [1] }${x}%{ endfor }";

/** Synthesizes the fixture platform with hostile strings in tags, env, config, webhook and gitops url; returns every file. */
function synth(delivery: AppDelivery): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "hardening-escaping-"));
  const spec = platformSpec();
  const environments = spec.environments.map((env) =>
    env.name === "dev"
      ? {
          ...env,
          tags: { note: INJECTION, "cost-center": DIRECTIVE },
          monitoring: { webhookReceivers: [{ name: "hook", url: "https://hooks.contoso.com/alert/${var.x}" }] },
          gitops: { url: "https://github.com/contoso/gitops-${var.x}.git" },
        }
      : env,
  );
  const web = appSpec({ delivery, env: { HOSTILE: INJECTION, TEMPLATE: DIRECTIVE }, config: { "app.conf": `value = ${INJECTION}\n${DIRECTIVE}\n` } });
  const app = new App({ outdir });
  buildPlatform(app, { ...spec, environments }, { apps: [web], pins: { dev: { web: pinned("web") } } });
  app.synth();
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(outdir, { recursive: true }).map(String)) {
    const full = path.join(outdir, entry);
    if (fs.statSync(full).isFile()) files[entry] = fs.readFileSync(full, "utf8");
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return files;
}

/** Every `${` / `%{` in a Terraform JSON string that is not escaped, other than the library's own references. */
function unescapedTemplates(json: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      for (const match of value.matchAll(/(?<![$%])[$%]\{[^}]*\}?/g)) {
        if (!/^\$\{(azurerm_|data\.|local\.|var\.|module\.|kubernetes_|helm_|azuread_|github_|random_|time_|null_|terraform_remote_state|terraform\.workspace|each\.|count\.|path\.|lookup\(|jsonencode\(|yamlencode\(|base64|join\(|sha1\(|sensitive\(|nonsensitive\()/.test(match[0])) found.push(match[0]);
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) (walk(key), walk(item));
  };
  walk(JSON.parse(json));
  return found;
}

describe("user strings are Terraform literals", () => {
  test("terraformLiteral escapes ${ and %{ and keeps cdktf tokens", () => {
    expect(terraformLiteral(INJECTION)).toBe('$${file("/etc/passwd")}');
    expect(terraformLiteral("%{if true}x%{endif}")).toBe("%%{if true}x%%{endif}");
    expect(terraformLiteral("a ${TfToken[TOKEN.12]} ${b}")).toBe("a ${TfToken[TOKEN.12]} $${b}");
    expect(terraformLiteral("plain")).toBe("plain");
    expect(terraformLiterals({ "${k}": ["${v}", 1, true, null] })).toEqual({ "$${k}": ["$${v}", 1, true, null] });
  });

  test.each(["gitops", "terraform"] as const)("delivery %s: nothing a user wrote is a Terraform expression, the library's references still resolve", (delivery) => {
    const files = synth(delivery);
    const terraform = Object.entries(files).filter(([file]) => file.endsWith("cdk.tf.json"));
    expect(terraform.length).toBeGreaterThan(0);
    for (const [file, json] of terraform) expect({ file, found: unescapedTemplates(json) }).toEqual({ file, found: [] });
    const all = terraform.map(([, json]) => json).join("\n");
    expect(all).toContain('$${file(\\"/etc/passwd\\")}');
    expect(all).toContain("%%{ for x in [1] }$${x}%%{ endfor }");
    expect(all).toContain("https://hooks.contoso.com/alert/$${var.x}");
    expect(all).toContain("https://github.com/contoso/gitops-$${var.x}.git");
    expect(all).toMatch(/\$\{azurerm_[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_]+\}/);
    const app = JSON.parse(files[path.join("stacks", "dev-app-web", "cdk.tf.json")]);
    const manifests = Object.values(app.resource?.kubernetes_manifest ?? {}) as { manifest: any }[];
    if (delivery === "terraform") {
      const deployment = manifests.find((m) => m.manifest.kind === "Deployment")!.manifest;
      const env = deployment.spec.template.spec.containers[0].env;
      expect(env).toEqual(expect.arrayContaining([{ name: "HOSTILE", value: '$${file("/etc/passwd")}' }]));
      // The identity's client id is a reference of the same stack, resolved, not escaped.
      expect(JSON.stringify(manifests)).toMatch(/\$\{azurerm_user_assigned_identity\./);
    } else {
      expect(manifests).toEqual([]);
      const yaml = Object.entries(files).filter(([file]) => file.startsWith("gitops") && file.includes("web") && file.endsWith(".yaml")).map(([, text]) => text).join("\n");
      expect(yaml).toContain(INJECTION);
    }
  });
});

describe("hostile strings survive YAML 1.1 and 1.2", () => {
  const HOSTILE = [
    "yes", "no", "on", "off", "y", "n", "true", "False", "~", "null", "NULL", "", " ", " leading", "trailing ", "0x1f", "0o17", "017", "1e3", ".inf", "-.inf", ".nan", "1_000",
    "12:30:00", "2001-12-14", "- item", "key: value", "a #comment", "#start", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick", "|", ">", "'single'", '"double"',
    "{a: 1}", "[1, 2]", "line\nbreak", "tab\there", "trailing\n", "\u00e9t\u00e9", "emoji \u{1F680}", "back\\slash", "${VAR}", "$${x}", "%{x}", "---", "...", "?", ":", "-",
  ];
  test.each(["1.1", "1.2"] as const)("YAML %s reads back every string exactly", (version) => {
    const text = toYaml({ data: Object.fromEntries(HOSTILE.map((value, i) => [`k${i}`, value])) });
    const parsed = parse(text, { version });
    expect(parsed.data).toEqual(Object.fromEntries(HOSTILE.map((value, i) => [`k${i}`, value])));
  });
});
