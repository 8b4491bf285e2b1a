import { App } from "cdktf";
import { AppSpec } from "../../lib/apps/app-spec";
import { AppValidationError, validateApps } from "../../lib/apps/validate-apps";
import { buildPlatform } from "../../stacks/build-platform";
import { appSpec, pinned, platformSpec } from "../support/fixtures";

const ENVS = ["dev", "staging", "prod"];

function problemsOf(app: Partial<AppSpec>): string[] {
  return validateApps([appSpec(app)], { dev: { [app.name ?? "web"]: pinned(app.name ?? "web") } }, ENVS);
}

describe("validateApps", () => {
  test("a valid app with pins has no problems", () => {
    expect(problemsOf({ autoscale: { minReplicas: 2, maxReplicas: 4 }, secrets: { DB_PASSWORD: { keyVaultSecret: "db-password" } } })).toEqual([]);
  });

  test.each<[string, Partial<AppSpec>, string]>([
    ["invalid name", { name: "Web_App" }, 'apps/Web_App: name "Web_App" is not valid; use 2-40 lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit'],
    ["port out of range", { port: 70000 }, "apps/web: port 70000 is out of range; use a port from 1 to 65535"],
    ["port zero", { port: 0 }, "apps/web: port 0 is out of range; use a port from 1 to 65535"],
    ["service port out of range", { servicePort: -1 }, "apps/web: servicePort -1 is out of range; use a port from 1 to 65535"],
    ["min > max replicas", { autoscale: { minReplicas: 5, maxReplicas: 3 } }, "apps/web: autoscale.minReplicas 5 is greater than autoscale.maxReplicas 3; make minReplicas at most maxReplicas"],
    ["replicas out of range", { replicas: 0 }, "apps/web: replicas 0 is not valid; use a whole number from 1 to 1000"],
    ["a literal secret value", { secrets: { DB_PASSWORD: "hunter2" as any } }, 'apps/web.secrets.DB_PASSWORD: "hunter2" is a literal value; secrets must be key vault references: { keyVaultSecret: "<secret name>" }'],
    ["a literal secret next to the reference", { secrets: { DB_PASSWORD: { keyVaultSecret: "db", value: "hunter2" } as any } }, 'apps/web.secrets.DB_PASSWORD.value: unknown field "value"; remove it'],
    ["a secret in env", { env: { DB_PASSWORD: "hunter2" } }, 'apps/web: env variable "DB_PASSWORD" holds a literal secret value (its name says so); move it to secrets as a key vault reference: { keyVaultSecret: "<secret name>" }'],
    ["a connection string in env", { env: { STORAGE: "DefaultEndpointsProtocol=https;AccountKey=abc" } }, 'apps/web: env variable "STORAGE" holds what looks like a connection string credential; move it to secrets as a key vault reference: { keyVaultSecret: "<secret name>" }'],
    ["a bad key vault secret name", { secrets: { X: { keyVaultSecret: "bad_name" } } }, 'apps/web: secret "X" has keyVaultSecret "bad_name", which is not a key vault secret name; use 1-127 letters, digits and hyphens'],
    ["a bad env name", { env: { "1X": "a" } }, 'apps/web: env variable name "1X" is not valid; use letters, digits and underscores, not starting with a digit'],
    ["a bad cpu quantity", { resources: { cpu: "lots" } }, 'apps/web: resources.cpu "lots" is not a valid quantity; use e.g. "250m"'],
    ["a bad probe path", { probes: { readiness: { path: "healthz" } } }, 'apps/web: probes.readiness.path "healthz" is not valid; use a path starting with /'],
    ["a bad ingress host", { ingress: { host: "Shop.Contoso.com" } }, 'apps/web: ingress.host "Shop.Contoso.com" is not a valid host name; use lower-case dns labels of at most 63 characters, such as shop.contoso.com'],
    ["root user", { runAsUser: 0 }, "apps/web: runAsUser 0 is not valid; use a non-root user id from 1 to 2147483647"],
    ["replicas with autoscale", { replicas: 2, autoscale: { minReplicas: 2, maxReplicas: 3 } }, "apps/web: replicas and autoscale are both set; keep autoscale (bounds) or replicas (a fixed count)"],
    ["a variable in env and secrets", { env: { DB: "x" }, secrets: { DB: { keyVaultSecret: "db" } } }, 'apps/web: variable "DB" is in both env and secrets; keep it in one of them'],
    ["an override of an unknown environment", { environments: { qa: { replicas: 1 } } }, 'apps/web: environments has "qa", which is not an environment of the platform; use one of dev, staging, prod'],
    ["a bad override", { environments: { prod: { autoscale: { minReplicas: 4, maxReplicas: 2 } } } }, "apps/web/environments/prod: autoscale.minReplicas 4 is greater than autoscale.maxReplicas 2; make minReplicas at most maxReplicas"],
    ["bad alert thresholds", { alerts: { severity: 7 } }, "apps/web: alerts.severity 7 is out of range; use an azure monitor severity from 0 (critical) to 4 (verbose)"],
    ["a bad delivery", { delivery: "helm" as any }, 'apps/web.delivery: "helm" is not allowed; use one of "gitops", "terraform"'],
    ["a platform namespace as name", { name: "flux-system" }, 'apps/flux-system: name "flux-system" is a namespace of kubernetes or the platform, and an app deploys into the namespace of its name; choose another name'],
    ["the default namespace as name", { name: "default" }, 'apps/default: name "default" is a namespace of kubernetes or the platform, and an app deploys into the namespace of its name; choose another name'],
    ["a kube- namespace as name", { name: "kube-proxy" }, 'apps/kube-proxy: name "kube-proxy" is a namespace of kubernetes or the platform, and an app deploys into the namespace of its name; choose another name'],
    ["the sync metrics namespace as name", { name: "gitops-monitoring" }, 'apps/gitops-monitoring: name "gitops-monitoring" is a namespace of kubernetes or the platform, and an app deploys into the namespace of its name; choose another name'],
    ["config mounted over /tmp", { configMountPath: "/tmp/" }, 'apps/web: configMountPath "/tmp/" is a mount path of the deployment itself (/, /tmp, /mnt/secrets-store); use another absolute path such as /etc/web'],
    ["config mounted over the secrets", { configMountPath: "/mnt/secrets-store" }, 'apps/web: configMountPath "/mnt/secrets-store" is a mount path of the deployment itself (/, /tmp, /mnt/secrets-store); use another absolute path such as /etc/web'],
    ["a memory limit below the request", { resources: { memory: "1Gi", memoryLimit: "512Mi" } }, 'apps/web: resources.memoryLimit "512Mi" is below the memory request "1Gi"; make the limit at least the request'],
    ["a memory limit below the default request", { resources: { memoryLimit: "100M" } }, 'apps/web: resources.memoryLimit "100M" is below the memory request "128Mi"; make the limit at least the request'],
    ["a wildcard ingress path", { ingress: { host: "shop.contoso.com", path: "/api/*" } }, `apps/web: ingress.path "/api/*" is not a valid path prefix; use '/'-separated segments of letters, digits, '.', '_' and '-', such as /api (no wildcards or regular expressions: it matches as a prefix)`],
    ["an ingress path with //", { ingress: { host: "shop.contoso.com", path: "/api//v1" } }, `apps/web: ingress.path "/api//v1" is not a valid path prefix; use '/'-separated segments of letters, digits, '.', '_' and '-', such as /api (no wildcards or regular expressions: it matches as a prefix)`],
    ["an ingress path with ..", { ingress: { host: "shop.contoso.com", path: "/api/.." } }, `apps/web: ingress.path "/api/.." is not a valid path prefix; use '/'-separated segments of letters, digits, '.', '_' and '-', such as /api (no wildcards or regular expressions: it matches as a prefix)`],
    ["a cpu limit below the request", { environments: { prod: { resources: { cpu: "1.5", cpuLimit: "1000m" } } } }, 'apps/web/environments/prod: resources.cpuLimit "1000m" is below the cpu request "1.5"; make the limit at least the request'],
  ])("rejects %s", (_case, app, message) => {
    expect(problemsOf(app)).toContain(message);
  });

  test("accepts limits equal to or above their requests in other units, nested mount paths and plain path prefixes", () => {
    expect(problemsOf({ resources: { cpu: "500m", cpuLimit: "0.5", memory: "1Gi", memoryLimit: "1024Mi" } })).toEqual([]);
    expect(problemsOf({ resources: { cpu: "1", cpuLimit: "2", memory: "128M", memoryLimit: "128Mi" } })).toEqual([]);
    expect(problemsOf({ configMountPath: "/tmp/config" })).toEqual([]);
    for (const path of ["/", "/api", "/api/", "/api/v1.0", "/.well-known"]) expect(problemsOf({ ingress: { host: "shop.contoso.com", path } })).toEqual([]);
  });

  test("rejects an unpinned image, a bad digest, unknown apps and environments in pins", () => {
    const problems = validateApps([appSpec({ image: "acrcontosodev.azurecr.io/web" })], {
      dev: { web: "acrcontosodev.azurecr.io/web:latest" },
      staging: { web: "acrcontosodev.azurecr.io/web@sha256:1234", api: pinned("api") },
      prod: { web: pinned("other") },
      qa: { web: pinned("web") },
    }, ENVS);
    expect(problems).toEqual([
      'dev/apps/web: image "acrcontosodev.azurecr.io/web:latest" is not pinned; use an image reference with @sha256:<digest>, e.g. registry/repo:1.2.3@sha256:<64 hex digits>',
      `prod/apps/web: image "${pinned("other")}" is from repository "acrcontosodev.azurecr.io/other"; the app's image is "acrcontosodev.azurecr.io/web", pin an image of that repository`,
      'pins: environment "qa" is not an environment of the platform; use one of dev, staging, prod or remove its pins',
      'staging/apps/api: pin names app "api", which is not declared; declare the app or remove its pin',
      'staging/apps/web: image "acrcontosodev.azurecr.io/web@sha256:1234" has digest "sha256:1234", which is not valid; use sha256: followed by 64 lower-case hex digits',
    ]);
  });

  test("rejects duplicate app names", () => {
    expect(validateApps([appSpec(), appSpec()], {}, ENVS)).toEqual(['apps/web: name "web" is used by more than one app; app names must be unique']);
  });

  test("buildPlatform throws an AppValidationError before creating any stack", () => {
    const app = new App();
    expect(() => buildPlatform(app, platformSpec(), { apps: [appSpec()], pins: { dev: { web: "web:latest" } } })).toThrow(AppValidationError);
    expect(() => buildPlatform(new App(), platformSpec(), { apps: [appSpec()], pins: { dev: { web: "web:latest" } } })).toThrow(
      /dev\/apps\/web: image "web:latest" is not pinned/,
    );
    expect(app.node.children).toHaveLength(0);
  });
});
