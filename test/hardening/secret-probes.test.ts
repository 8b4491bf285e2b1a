import { specProblems } from "../../lib/apps/validate-specs";
import { isSecretName, secretKindsIn, secretKindsInFile } from "../../lib/core/secret-detection";
import { appSpec, pinned, platformSpec } from "../support/fixtures";

// The 38 kinds of attempt to put a secret into the output through the public API (issue 9), plus a few more.
// Probe values are made up; none is a real credential.
const FAKE = "Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1Fg5Jc0Ya";
type Probe = [string, Record<string, unknown>];
const env = (name: string, value: string): Record<string, unknown> => ({ env: { [name]: value } });
const config = (file: string, content: string): Record<string, unknown> => ({ config: { [file]: content } });

const APP_PROBES: Probe[] = [
  ["url with user and password", env("DATABASE_URL", "postgres://app:S3cretPw@db.contoso.com:5432/app")],
  ["url with an empty user", env("CACHE_URL", "rediss://:S3cretPw@cache.contoso.com:6380")],
  ["connection string Password=", env("SQL", "Server=tcp:sql.contoso.com;Database=app;User ID=app;Password=S3cretPw;")],
  ["connection string Pwd=", env("ODBC", "Driver={ODBC};Server=sql;Uid=app;Pwd=S3cretPw;")],
  ["storage AccountKey=", env("STORAGE", `DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${FAKE}==;EndpointSuffix=core.windows.net`)],
  ["service bus SharedAccessKey=", env("BUS", `Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=${FAKE}=`)],
  ["SAS url sig=", env("BLOB", `https://st.blob.core.windows.net/c/file?sv=2022-11-02&se=2030-01-01&sr=b&sp=r&sig=${FAKE}%3D`)],
  ["bearer token", env("AUTH_HEADER", `Bearer ${FAKE}${FAKE}`)],
  ["json web token", env("ID", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhcHAiLCJpYXQiOjE3MDAwMDAwMDB9.dGhpc2lzbm90YXJlYWxzaWduYXR1cmU")],
  ["github classic token", env("GH", "ghp_Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1Fg5Jc0Ya1B2C")],
  ["github fine-grained token", env("GH", `github_pat_11AAAAAAA0${FAKE}_${FAKE}`)],
  ["slack bot token", env("SLACK", "xoxb-123456789012-1234567890123-Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1")],
  ["slack webhook", env("SLACK_HOOK", "https://hooks.slack.com/services/T00000000/B00000000/Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1")],
  ["azure ad client secret", env("AAD", "abc8Q~Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1Fg5Jc0Yab")],
  ["npm token", env("NPM", "npm_Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1Fg5Jc0Ya1B2C")],
  ["aws access key", env("AWS", "AKIAZX9QM2LR7TP4WV8K")],
  ["google api key", env("MAPS", `AIza${FAKE}123`)],
  ["stripe live key", env("STRIPE", `sk_live_${FAKE}`)],
  ["gitlab token", env("GL", "glpat-Zx9Qm2Lr7Tp4Wv8Ks3Nb6")],
  ["rsa private key", env("KEY", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----")],
  ["openssh private key", config("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")],
  ["ec private key", config("tls.key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n-----END EC PRIVATE KEY-----\n")],
  ["pgp private key", config("signing.asc", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----\n")],
  ["query token=", env("FEED", `https://feeds.contoso.com/x?token=${FAKE}`)],
  ["query access_token=", env("API", `https://api.contoso.com/v1?access_token=${FAKE}`)],
  ["query key=", env("GEO", `https://geo.contoso.com/lookup?key=${FAKE}`)],
  ["query password=", env("LEGACY", "https://legacy.contoso.com/login?user=app&password=S3cretPw")],
  ["name *_PASS", env("SMTP_PASS", "S3cretPw")],
  ["name *_PWD", env("DB_PWD", "S3cretPw")],
  ["name PASSWORD_*", env("PASSWORD_ADMIN", "S3cretPw")],
  ["name *SECRET*", env("APP_SECRET_VALUE", "S3cretPw")],
  ["name *SIGNING_KEY*", env("JWT_SIGNING_KEY", "S3cretPw")],
  ["name SECRET_KEY_BASE", env("SECRET_KEY_BASE", "S3cretPw")],
  [".env file", config(".env", "LOG_LEVEL=info\nDB_PASSWORD=S3cretPw\n")],
  ["appsettings.json", config("appsettings.json", JSON.stringify({ Logging: { LogLevel: "Information" }, AzureAd: { ClientSecret: "S3cretPw" } }, null, 2))],
  [".npmrc", config(".npmrc", "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=S3cretToken\n")],
  ["kubeconfig", config("kubeconfig", "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: S3cretToken\n")],
  ["secret in an ingress host field", { ingress: { host: "shop.contoso.com", tlsSecretName: "shop-tls" }, priorityClassName: "apps-standard", image: "acrcontosodev.azurecr.io/web", env: { NOTE: `see ${"xoxp-123456789012-1234567890123-Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1"}` } }],
];

const PLATFORM_PROBES: [string, (e: any) => any][] = [
  ["alert webhook with credentials", (e) => ({ ...e, monitoring: { webhookReceivers: [{ name: "hook", url: "https://user:S3cretPw@hooks.contoso.com/alert" }] } })],
  ["alert webhook with a token", (e) => ({ ...e, monitoring: { webhookReceivers: [{ name: "hook", url: `https://hooks.contoso.com/alert?token=${FAKE}` }] } })],
  ["tag with a token", (e) => ({ ...e, tags: { "ci-token": "ghp_Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1Fg5Jc0Ya1B2C" } })],
  ["node label with a token", (e) => ({ ...e, cluster: { ...e.cluster, userPools: [{ name: "apps", vmSize: "Standard_D4s_v5", minCount: 1, maxCount: 2, labels: { key: "AKIAZX9QM2LR7TP4WV8K" } }] } })],
  ["gitops url with credentials", (e) => ({ ...e, gitops: { url: "https://x-access-token:S3cretPw@github.com/contoso/gitops.git" } })],
];

describe("secrets are found by value and by name, naming the place and the fix", () => {
  test("at least 36 of the 38 probe kinds are caught (here: all)", () => {
    const caught = APP_PROBES.filter(([, fields]) => specProblems(platformSpec(), [appSpec(fields as any)], { dev: { web: pinned("web") } }).length > 0);
    const platform = PLATFORM_PROBES.filter(([, change]) => specProblems({ ...platformSpec(), environments: platformSpec().environments.map((e) => (e.name === "dev" ? change(e) : e)) }).length > 0);
    expect(APP_PROBES.length + PLATFORM_PROBES.length).toBeGreaterThanOrEqual(38);
    expect([...APP_PROBES.filter((p) => !caught.includes(p)), ...PLATFORM_PROBES.filter((p) => !platform.includes(p))].map(([kind]) => kind)).toEqual([]);
  });

  test.each(APP_PROBES)("app probe: %s", (_kind, fields) => {
    const problems = specProblems(platformSpec(), [appSpec(fields as any)], { dev: { web: pinned("web") } });
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toMatch(/^apps\/web[^:]*: .*(key vault|keyVaultSecret)/);
      // The message never repeats the secret.
      expect(problem).not.toMatch(/S3cret|Zx9Qm2Lr7Tp4Wv8Ks3Nb6Hd1|AKIAZX9QM2LR7TP4WV8K/);
    }
  });

  test.each(PLATFORM_PROBES)("platform probe: %s", (_kind, change) => {
    const problems = specProblems({ ...platformSpec(), environments: platformSpec().environments.map((e) => (e.name === "dev" ? change(e) : e)) });
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^environments\/dev[^:]*: /);
  });

  test("the allow-list: placeholders, files and names of secrets are not secrets", () => {
    const fine = appSpec({
      env: { DB_PASSWORD_FILE: "/mnt/secrets-store/db-password", TOKEN_URL: "https://login.contoso.com/token", API_URL: "http://api.api.svc.cluster.local", PASSWORD: "", CLIENT_SECRET: "${CLIENT_SECRET}", LOG_LEVEL: "info" },
      config: { ".env": "DB_PASSWORD=<set in key vault>\nLOG_LEVEL=debug\n", "settings.json": JSON.stringify({ token: "***" }) },
      secrets: { DB_PASSWORD: { keyVaultSecret: "db-password" } },
    });
    expect(specProblems(platformSpec(), [fine], { dev: { web: pinned("web") } })).toEqual([]);
  });

  test("rules of names and values", () => {
    for (const name of ["SMTP_PASS", "DB_PWD", "PASSWORD_ADMIN", "MY_SECRET_X", "JWT_SIGNING_KEY", "SECRET_KEY_BASE", "GITHUB_TOKEN", "API_KEY", "client-key-data", "_authToken"]) expect(isSecretName(name)).toBe(true);
    for (const name of ["PASSPORT_URL", "DB_PASSWORD_FILE", "TOKEN_URL", "LOG_LEVEL", "BYPASS_CACHE", "KEYBOARD"]) expect(isSecretName(name)).toBe(false);
    expect(secretKindsIn("plain text without secrets")).toEqual([]);
    expect(secretKindsInFile("a: 1\nb: 2\n")).toEqual([]);
  });
});
