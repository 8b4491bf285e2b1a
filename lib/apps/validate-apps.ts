import { isKeyVaultSecretName, isKeyVaultSecretVersion, KEY_VAULT_SECRET_NAME_RULE } from "../core/azure-formats";
import { isDnsLabel, isDnsSubdomain } from "../core/kubernetes-names";
import { PLATFORM_NAMESPACES, SYNC_METRICS_NAMESPACE } from "../core/namespaces";
import { appAlertThresholdProblems } from "../environment/validate-app-alerts";
import { AppOverrides, AppPins, AppProbe, AppSpec } from "./app-spec";
import { isImageRepository, parsePinnedImage } from "./image-reference";

const APP_NAME = /^[a-z][-a-z0-9]{0,38}[a-z0-9]$/;
const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const CPU = /^([1-9]\d*m|\d+(\.\d{1,3})?)$/;
const MEMORY = /^[1-9]\d*(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const HTTP_PATH = /^\/[^\s]*$/;
/**
 * An Ingress `Prefix` path: segments of letters, digits, '.', '_' and '-' (no '.' or '..' segment, no '//').
 * The API server rejects '//', '/./' and '/../'; ingress-nginx (AKS application routing) rejects other
 * characters in `Prefix` paths (strict path type validation).
 */
const INGRESS_PATH = /^(?=\/)(\/(?!\.{1,2}(\/|$))[A-Za-z0-9._-]+)*\/?$/;
const DELIVERIES = ["gitops", "terraform"];
/** Variable names that hold credentials: their values belong in Key Vault. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_?SECRET|CONNECTION_?STRING|CREDENTIALS?)$/i;
/** Values that are credentials whatever their variable is called. */
const SECRET_VALUE = /(AccountKey=|SharedAccessKey=|SharedAccessSignature=|-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^\s/:@]+:[^\s/@]+@)/;
/** Largest total size of config files (the ConfigMap limit is 1 MiB, with room for metadata). */
const MAX_CONFIG_BYTES = 1000 * 1000;
/**
 * Namespaces an app must not be named after (its namespace is its name): Kubernetes' own and the platform's.
 * An app there would put the restricted pod security standard and a default-deny policy on the platform's
 * pods, and pruning the app would delete the namespace.
 */
const RESERVED_NAMESPACES: readonly string[] = ["default", ...PLATFORM_NAMESPACES, SYNC_METRICS_NAMESPACE];
/** Mount paths of the Deployment's own volumes, which the config files must not be mounted over. */
const RESERVED_MOUNT_PATHS: readonly string[] = ["/", "/tmp", "/mnt/secrets-store"];
const MEMORY_UNITS: Readonly<Record<string, number>> = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** Thrown when app specs or pins are invalid; lists every problem found, one a line. */
export class AppValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`invalid apps (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "AppValidationError";
  }
}

/**
 * Checks app specs and their pins against the platform's environment names. Returns every problem as a
 * message naming where (`apps/<app>` or `<env>/apps/<app>`), the field, the bad value and the fix.
 */
export function validateApps(apps: readonly AppSpec[], pins: AppPins, environmentNames: readonly string[]): string[] {
  const problems: string[] = [];
  const byName = new Map<string, AppSpec>();
  for (const app of apps) {
    const where = `apps/${app.name}`;
    if (byName.has(app.name)) problems.push(`${where}: name "${app.name}" is used by more than one app; app names must be unique`);
    byName.set(app.name, app);
    problems.push(...appProblems(app, environmentNames));
  }
  for (const env of Object.keys(pins).sort()) {
    if (!environmentNames.includes(env)) {
      problems.push(`pins: environment "${env}" is not an environment of the platform; use one of ${environmentNames.join(", ")} or remove its pins`);
      continue;
    }
    const envPins = pins[env];
    if (!envPins || typeof envPins !== "object" || Array.isArray(envPins)) {
      problems.push(`pins/${env}: pins are ${JSON.stringify(envPins)}; use an object mapping app name to a pinned image reference`);
      continue;
    }
    for (const appName of Object.keys(envPins).sort()) {
      const where = `${env}/apps/${appName}`;
      const app = byName.get(appName);
      if (!app) {
        problems.push(`${where}: pin names app "${appName}", which is not declared; declare the app or remove its pin`);
        continue;
      }
      const image = parsePinnedImage(envPins[appName]);
      if (typeof image === "string") {
        problems.push(`${where}: ${image}`);
      } else if (app.image !== undefined && image.repository !== app.image) {
        problems.push(`${where}: image "${image.reference}" is from repository "${image.repository}"; the app's image is "${app.image}", pin an image of that repository`);
      }
    }
  }
  return problems;
}

/** Throws an `AppValidationError` listing every problem, if there is any. */
export function assertValidApps(apps: readonly AppSpec[], pins: AppPins, environmentNames: readonly string[]): void {
  const problems = validateApps(apps, pins, environmentNames);
  if (problems.length > 0) throw new AppValidationError(problems);
}

/** The problems of one app spec, its overrides included. */
export function appProblems(app: AppSpec, environmentNames?: readonly string[]): string[] {
  const where = `apps/${app.name}`;
  const problems: string[] = [];
  if (typeof app.name !== "string" || !APP_NAME.test(app.name)) {
    problems.push(`${where}: name "${app.name}" is not valid; use 2-40 lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit`);
  } else if (RESERVED_NAMESPACES.includes(app.name) || app.name.startsWith("kube-")) {
    problems.push(`${where}: name "${app.name}" is a namespace of kubernetes or the platform, and an app deploys into the namespace of its name; choose another name`);
  }
  if (app.image !== undefined && !isImageRepository(app.image)) {
    problems.push(`${where}: image "${app.image}" is not an image repository; use registry/repo without tag or digest (pins carry the digest)`);
  }
  problems.push(...portProblems(where, "port", app.port, true));
  problems.push(...portProblems(where, "servicePort", app.servicePort, false));
  if (app.configMountPath !== undefined && !/^\/[^\s:]*$/.test(app.configMountPath)) {
    problems.push(`${where}: configMountPath "${app.configMountPath}" is not valid; use an absolute path such as /etc/${app.name}`);
  } else if (app.configMountPath !== undefined && RESERVED_MOUNT_PATHS.includes(app.configMountPath.replace(/(.)\/+$/, "$1"))) {
    problems.push(`${where}: configMountPath "${app.configMountPath}" is a mount path of the deployment itself (${RESERVED_MOUNT_PATHS.join(", ")}); use another absolute path such as /etc/${app.name}`);
  }
  if (app.runAsUser !== undefined && !isIntegerIn(app.runAsUser, 1, 2147483647)) {
    problems.push(`${where}: runAsUser ${app.runAsUser} is not valid; use a non-root user id from 1 to 2147483647`);
  }
  if (app.priorityClassName !== undefined && !isDnsSubdomain(app.priorityClassName)) {
    problems.push(`${where}: priorityClassName "${app.priorityClassName}" is not valid; use a lower-case dns subdomain such as apps-standard`);
  }
  for (const [index, namespace] of (app.allowFromNamespaces ?? []).entries()) {
    if (!isDnsLabel(namespace)) {
      problems.push(`${where}: allowFromNamespaces[${index}] "${namespace}" is not a namespace name; use lower-case letters, digits and hyphens`);
    }
  }
  if (app.probes) {
    for (const kind of ["readiness", "liveness", "startup"] as const) {
      const probe = app.probes[kind];
      if (probe) problems.push(...probeProblems(where, `probes.${kind}`, probe));
    }
  }
  problems.push(...overrideProblems(where, app));
  if (app.replicas !== undefined && app.autoscale) {
    problems.push(`${where}: replicas and autoscale are both set; keep autoscale (bounds) or replicas (a fixed count)`);
  }
  problems.push(...collisionProblems(where, app.env, app.secrets));
  if (app.secretsAs !== undefined && app.secretsAs !== "file" && app.secretsAs !== "environment") {
    problems.push(`${where}: secretsAs "${String(app.secretsAs)}" is not valid; use "file" or "environment"`);
  }
  for (const [env, overrides] of Object.entries(app.environments ?? {})) {
    if (environmentNames && !environmentNames.includes(env)) {
      problems.push(`${where}: environments has "${env}", which is not an environment of the platform; use one of ${environmentNames.join(", ")}`);
      continue;
    }
    const envWhere = `${where}/environments/${env}`;
    problems.push(...overrideProblems(envWhere, overrides));
    if (overrides.replicas !== undefined && overrides.autoscale) {
      problems.push(`${envWhere}: replicas and autoscale are both set; keep autoscale (bounds) or replicas (a fixed count)`);
    }
    if (overrides.env || overrides.secrets) {
      problems.push(...collisionProblems(envWhere, { ...app.env, ...overrides.env }, { ...app.secrets, ...overrides.secrets }));
    }
  }
  return problems;
}

function collisionProblems(where: string, env: object | undefined, secrets: object | undefined): string[] {
  const secretNames = new Set(Object.keys(secrets ?? {}));
  return Object.keys(env ?? {})
    .filter((name) => secretNames.has(name))
    .map((name) => `${where}: variable "${name}" is in both env and secrets; keep it in one of them`);
}

/** Problems of the fields an environment may override (also checked on the app itself). */
function overrideProblems(where: string, fields: AppOverrides): string[] {
  const problems: string[] = [];
  if (fields.replicas !== undefined && !isIntegerIn(fields.replicas, 1, 1000)) {
    problems.push(`${where}: replicas ${fields.replicas} is not valid; use a whole number from 1 to 1000`);
  }
  if (fields.autoscale) {
    const { minReplicas, maxReplicas, targetCpuUtilizationPercent } = fields.autoscale;
    if (!isIntegerIn(minReplicas, 1, 1000)) problems.push(`${where}: autoscale.minReplicas ${minReplicas} is not valid; use a whole number from 1 to 1000`);
    if (!isIntegerIn(maxReplicas, 1, 1000)) problems.push(`${where}: autoscale.maxReplicas ${maxReplicas} is not valid; use a whole number from 1 to 1000`);
    if (minReplicas > maxReplicas) {
      problems.push(`${where}: autoscale.minReplicas ${minReplicas} is greater than autoscale.maxReplicas ${maxReplicas}; make minReplicas at most maxReplicas`);
    }
    if (targetCpuUtilizationPercent !== undefined && !isIntegerIn(targetCpuUtilizationPercent, 1, 100)) {
      problems.push(`${where}: autoscale.targetCpuUtilizationPercent ${targetCpuUtilizationPercent} is not valid; use a whole number from 1 to 100`);
    }
  }
  if (fields.resources) {
    const { cpu, memory, cpuLimit, memoryLimit } = fields.resources;
    for (const [prop, value, pattern, example] of [
      ["cpu", cpu, CPU, "250m"],
      ["cpuLimit", cpuLimit, CPU, "1"],
      ["memory", memory, MEMORY, "256Mi"],
      ["memoryLimit", memoryLimit, MEMORY, "512Mi"],
    ] as const) {
      if (value !== undefined && !pattern.test(value)) {
        problems.push(`${where}: resources.${prop} "${value}" is not a valid quantity; use e.g. "${example}"`);
      }
    }
    // Kubernetes rejects a limit below its request; the defaults are those of resolveApp.
    const cpuRequest = cpu ?? "100m";
    if (cpuLimit !== undefined && CPU.test(cpuRequest) && CPU.test(cpuLimit) && cpuCores(cpuLimit) < cpuCores(cpuRequest)) {
      problems.push(`${where}: resources.cpuLimit "${cpuLimit}" is below the cpu request "${cpuRequest}"; make the limit at least the request`);
    }
    const memoryRequest = memory ?? "128Mi";
    if (memoryLimit !== undefined && MEMORY.test(memoryRequest) && MEMORY.test(memoryLimit) && memoryBytes(memoryLimit) < memoryBytes(memoryRequest)) {
      problems.push(`${where}: resources.memoryLimit "${memoryLimit}" is below the memory request "${memoryRequest}"; make the limit at least the request`);
    }
  }
  for (const [name, value] of Object.entries(fields.env ?? {})) {
    if (!ENV_VAR_NAME.test(name)) {
      problems.push(`${where}: env variable name "${name}" is not valid; use letters, digits and underscores, not starting with a digit`);
    }
    if (typeof value !== "string") {
      problems.push(`${where}: env variable "${name}" is ${JSON.stringify(value)}; use a string value`);
    } else if (value.length > 0 && (SECRET_NAME.test(name) || SECRET_VALUE.test(value))) {
      problems.push(`${where}: env variable "${name}" holds a literal secret value; move it to secrets as a key vault reference: { keyVaultSecret: "<secret name>" }`);
    }
  }
  let configBytes = 0;
  for (const [file, content] of Object.entries(fields.config ?? {})) {
    if (!CONFIG_KEY.test(file) || file === "." || file === "..") {
      problems.push(`${where}: config file name "${file}" is not valid; use letters, digits, '-', '_' and '.'`);
    }
    if (typeof content !== "string") {
      problems.push(`${where}: config file "${file}" is ${JSON.stringify(content)}; use its text content`);
    } else {
      configBytes += Buffer.byteLength(content);
      if (SECRET_VALUE.test(content)) {
        problems.push(`${where}: config file "${file}" holds a literal secret value; reference it from key vault through secrets instead`);
      }
    }
  }
  if (configBytes > MAX_CONFIG_BYTES) {
    problems.push(`${where}: config files are ${configBytes} bytes; a ConfigMap holds at most ${MAX_CONFIG_BYTES} bytes, move large files into the image`);
  }
  for (const [name, ref] of Object.entries(fields.secrets ?? {})) {
    if (!ENV_VAR_NAME.test(name)) {
      problems.push(`${where}: secret variable name "${name}" is not valid; use letters, digits and underscores, not starting with a digit`);
    }
    if (ref === null || typeof ref !== "object" || Array.isArray(ref)) {
      problems.push(`${where}: secret "${name}" is a literal value; secrets must be key vault references: { keyVaultSecret: "<secret name>" }`);
      continue;
    }
    const extra = Object.keys(ref).filter((key) => key !== "keyVaultSecret" && key !== "version");
    if (extra.length > 0) {
      problems.push(`${where}: secret "${name}" has ${extra.map((key) => `"${key}"`).join(", ")}; secrets must be key vault references with keyVaultSecret and optional version only`);
    }
    if (!isKeyVaultSecretName(ref.keyVaultSecret)) {
      problems.push(`${where}: secret "${name}" has keyVaultSecret ${JSON.stringify(ref.keyVaultSecret)}, which is not a key vault secret name; ${KEY_VAULT_SECRET_NAME_RULE}`);
    }
    if (ref.version !== undefined && !isKeyVaultSecretVersion(ref.version)) {
      problems.push(`${where}: secret "${name}" has version "${ref.version}", which is not a key vault secret version; use its 32 hex digits or leave it out`);
    }
  }
  if (fields.ingress) {
    const ingress = fields.ingress;
    if (!isIngressHost(ingress.host)) {
      problems.push(`${where}: ingress.host "${ingress.host}" is not a valid host name; use lower-case dns labels such as shop.contoso.com`);
    }
    if (ingress.path !== undefined && !INGRESS_PATH.test(ingress.path)) {
      problems.push(`${where}: ingress.path "${ingress.path}" is not a valid path prefix; use '/'-separated segments of letters, digits, '.', '_' and '-', such as /api (no wildcards or regular expressions: it matches as a prefix)`);
    }
    if (ingress.className !== undefined && !isDnsSubdomain(ingress.className)) {
      problems.push(`${where}: ingress.className "${ingress.className}" is not valid; use a lower-case dns subdomain`);
    }
    if (ingress.controllerNamespace !== undefined && !isDnsLabel(ingress.controllerNamespace)) {
      problems.push(`${where}: ingress.controllerNamespace "${ingress.controllerNamespace}" is not a namespace name; use lower-case letters, digits and hyphens`);
    }
    if (ingress.tlsSecretName !== undefined && !isDnsSubdomain(ingress.tlsSecretName)) {
      problems.push(`${where}: ingress.tlsSecretName "${ingress.tlsSecretName}" is not a valid secret name; use a lower-case dns subdomain`);
    }
  }
  if (fields.alerts) problems.push(...appAlertThresholdProblems(where, fields.alerts));
  if (fields.delivery !== undefined && !DELIVERIES.includes(fields.delivery)) {
    problems.push(`${where}: delivery "${fields.delivery}" is not valid; use "gitops" or "terraform"`);
  }
  return problems;
}

function portProblems(where: string, prop: string, port: number | undefined, required: boolean): string[] {
  if (port === undefined) return required ? [`${where}: ${prop} is missing; set the port the app listens on (1-65535)`] : [];
  return isIntegerIn(port, 1, 65535) ? [] : [`${where}: ${prop} ${port} is out of range; use a port from 1 to 65535`];
}

function probeProblems(where: string, prop: string, probe: AppProbe): string[] {
  const problems: string[] = [];
  if (probe.path !== undefined && !HTTP_PATH.test(probe.path)) {
    problems.push(`${where}: ${prop}.path "${probe.path}" is not valid; use a path starting with /`);
  }
  problems.push(...portProblems(where, `${prop}.port`, probe.port, false));
  for (const [field, min] of [["initialDelaySeconds", 0], ["periodSeconds", 1], ["timeoutSeconds", 1], ["failureThreshold", 1]] as const) {
    const value = probe[field];
    if (value !== undefined && !isIntegerIn(value, min, 3600)) {
      problems.push(`${where}: ${prop}.${field} ${value} is not valid; use a whole number from ${min} to 3600`);
    }
  }
  return problems;
}

/** CPU cores of a quantity matching `CPU`. */
function cpuCores(quantity: string): number {
  return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/** Bytes of a quantity matching `MEMORY`. */
function memoryBytes(quantity: string): number {
  const [, digits, unit] = /^(\d+)(\D*)$/.exec(quantity)!;
  return Number(digits) * MEMORY_UNITS[unit];
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** A host name an Ingress rule accepts: a DNS subdomain (labels of at most 63 characters), optionally `*.` first. */
function isIngressHost(host: unknown): boolean {
  return typeof host === "string" && isDnsSubdomain(host.startsWith("*.") ? host.slice(2) : host) && host.length <= 253;
}
