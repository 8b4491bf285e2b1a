import { App, TerraformStack } from "cdktf";
import { GitSource, GitSourceProps } from "../../lib/gitops/git-source";
import { danglingReferences, synthJson } from "../support/terraform-json";

const keyVault = { name: "kv-contoso-dev", resourceGroupName: "rg-contoso-dev" };

function source(props: Partial<GitSourceProps> = {}): GitSource {
  return new GitSource(new TerraformStack(new App(), "dev-gitops"), "Source", {
    url: "https://github.com/contoso/platform-gitops.git",
    path: "environments/dev/apps",
    ...props,
  });
}

describe("GitSource", () => {
  test("applies defaults: branch main, 5m interval, public", () => {
    const s = source();
    expect([s.branch, s.syncInterval, s.syncIntervalSeconds, s.auth, s.isSsh]).toEqual(["main", "5m", 300, { kind: "public" }, false]);
    expect(s.environmentPath).toBe("environments/dev");
  });

  test.each([
    ["30s", 30],
    ["1m", 60],
    ["2h", 7200],
  ])("converts interval %s to %d seconds", (interval, seconds) => {
    expect(source({ syncInterval: interval }).syncIntervalSeconds).toBe(seconds);
  });

  test("rejects credentials embedded in the url, without echoing them", () => {
    expect(() => source({ url: "https://bot:s3cr3t@github.com/contoso/gitops.git" })).toThrow(
      'dev-gitops/Source: gitops url "https://***@github.com/contoso/gitops.git" embeds credentials; remove them from the url and use gitops.auth with key vault secrets',
    );
    expect(() => source({ url: "https://ghp_abcdefabcdefabcdefabcdef@github.com/contoso/gitops.git" })).toThrow(/embeds credentials/);
  });

  test.each([
    ["url", { url: "ftp://example.com/repo.git" }, 'dev-gitops/Source: gitops url "ftp://example.com/repo.git" is not a git url'],
    ["branch", { branch: "feature..x" }, 'dev-gitops/Source: gitops branch "feature..x" is not a valid git branch name'],
    ["path with ..", { path: "environments/../secrets" }, 'dev-gitops/Source: path "environments/../secrets" is not a relative path inside the repository'],
    ["absolute path", { path: "/environments/dev/apps" }, 'dev-gitops/Source: path "/environments/dev/apps" is not a relative path'],
    ["empty path", { path: "" }, 'dev-gitops/Source: path "" is not a relative path'],
    ["interval", { syncInterval: "5 minutes" }, 'dev-gitops/Source: syncInterval "5 minutes" is not a duration; use a whole number with s, m or h, such as "5m"'],
    ["zero interval", { syncInterval: "0m" }, 'syncInterval "0m" is not a duration'],
  ])("rejects a bad %s", (_label, props, message) => {
    expect(() => source(props as Partial<GitSourceProps>)).toThrow(message);
  });

  test("rejects auth that does not fit the url, bad secret names and a missing key vault", () => {
    expect(() => source({ url: "git@github.com:contoso/gitops.git" })).toThrow(
      'dev-gitops/Source: url "git@github.com:contoso/gitops.git" is an ssh url, which needs a key; set auth to ssh or use an https url',
    );
    expect(() => source({ auth: { kind: "ssh", privateKeySecretName: "key", knownHostsSecretName: "hosts" }, keyVault })).toThrow(
      "dev-gitops/Source: auth is ssh but url",
    );
    expect(() =>
      source({ url: "ssh://git@github.com/contoso/gitops.git", auth: { kind: "https", usernameSecretName: "u", passwordSecretName: "p" }, keyVault }),
    ).toThrow("dev-gitops/Source: auth is https but url");
    expect(() => source({ auth: { kind: "https", usernameSecretName: "git user", passwordSecretName: "token" }, keyVault })).toThrow(
      'dev-gitops/Source: auth secret name "git user" is not a key vault secret name',
    );
    expect(() => source({ auth: { kind: "https", usernameSecretName: "user", passwordSecretName: "token" } })).toThrow(
      "dev-gitops/Source: auth is https but no keyVault is set; set keyVault to the vault holding the secrets",
    );
    expect(() => source({ auth: { kind: "token" } as never })).toThrow('dev-gitops/Source: auth.kind "token" is not valid');
  });

  test("reads each credential once from key vault, as a data source reference", () => {
    const stack = new TerraformStack(new App(), "dev-gitops");
    const s = new GitSource(stack, "Source", {
      url: "https://github.com/contoso/gitops.git",
      path: "environments/dev/apps",
      auth: { kind: "https", usernameSecretName: "git-user", passwordSecretName: "git-token" },
      keyVault,
    });
    s.secretValue("git-token");
    s.secretValue("git-token");
    s.secretValue("git-user");
    const json = synthJson(stack);
    expect(Object.values(json.data?.azurerm_key_vault ?? {}).map((v: any) => [v.name, v.resource_group_name])).toEqual([["kv-contoso-dev", "rg-contoso-dev"]]);
    expect(Object.values(json.data?.azurerm_key_vault_secret ?? {}).map((v: any) => v.name).sort()).toEqual(["git-token", "git-user"]);
    expect(danglingReferences(json)).toEqual([]);
  });

  test("a public source creates no data source and refuses to read a secret without a vault", () => {
    const stack = new TerraformStack(new App(), "dev-gitops");
    const s = new GitSource(stack, "Source", { url: "https://github.com/contoso/gitops.git", path: "environments/dev/apps" });
    expect(synthJson(stack).data).toBeUndefined();
    expect(() => s.secretValue("x")).toThrow('dev-gitops/Source: secret "x" needs a key vault; set keyVault');
  });
});
