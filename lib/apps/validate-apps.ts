import { z } from "zod";
import { hasOwn } from "../core/own";
import { PLATFORM_NAMESPACES, SYNC_METRICS_NAMESPACE } from "../core/namespaces";
import { DNS_LABEL_RULE, isDnsLabel, isDnsSubdomain } from "../core/kubernetes-names";
import { schemaProblems } from "../core/schema";
import { secretValueProblems } from "../core/secret-detection";
import { compareStrings } from "../core/sorting";
import { formatProblem, ValidationError } from "../core/validation-error";
import { isIntegerIn } from "../environment/validate-cluster";
import { defaultConfigMountPath } from "./app-defaults";
import { AppProbe, AppSpec, AppSpecSchema } from "./app-spec";
import { AppPins } from "./pins";
import { isImageRepository, parsePinnedImage } from "./image-reference";
import { MAX_ENV_TOTAL_BYTES, overrideProblems } from "./validate-app-fields";

/** Pinned image references: environment name → app name → `registry/repo[:tag]@sha256:<digest>`. */
export const AppPinsSchema = z.record(z.string(), z.record(z.string(), z.string()));

const APP_NAME = /^[a-z][-a-z0-9]{0,38}[a-z0-9]$/;
const HTTP_PATH = /^\/[^\s]*$/;
/** Largest total size of config files (the ConfigMap limit is 1 MiB, with room for metadata). */
export const MAX_CONFIG_BYTES = 1000 * 1000;
/**
 * Namespaces an app must not be named after (its namespace is its name): Kubernetes' own and the platform's.
 * An app there would put the restricted pod security standard and a default-deny policy on the platform's
 * pods, and pruning the app would delete the namespace.
 */
const RESERVED_NAMESPACES: readonly string[] = ["default", ...PLATFORM_NAMESPACES, SYNC_METRICS_NAMESPACE];
/** Mount paths of the Deployment's own volumes, which the config files must not be mounted over. */
const RESERVED_MOUNT_PATHS: readonly string[] = ["/", "/tmp", "/mnt/secrets-store"];

/** @deprecated every validation throws `ValidationError`; this name remains for callers that catch it. */
export const AppValidationError = ValidationError;
/** @deprecated use `ValidationError`. */
export type AppValidationError = ValidationError;

/**
 * Checks app specs and their pins (any values: plain JavaScript callers included) against the platform's
 * environment names. Returns every problem as a message naming where (`apps/<app>` or `<env>/apps/<app>`),
 * the field, the bad value and the fix. Shapes first; the semantic rules run on each app whose shape is right.
 */
export function validateApps(apps: unknown, pins: unknown, environmentNames: readonly string[]): string[] {
  const problems = schemaProblems(z.array(z.unknown()), apps, "apps").map(formatProblem);
  const valid: AppSpec[] = [];
  (Array.isArray(apps) ? apps : []).forEach((app: unknown, index: number) => {
    const shape = schemaProblems(AppSpecSchema, app, appPath(app, index)).map(formatProblem);
    problems.push(...shape);
    if (shape.length === 0) valid.push(app as AppSpec);
  });
  const names = valid.map((app) => app.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    problems.push(`apps/${name}: name "${name}" is used by more than one app; app names must be unique`);
  }
  for (const app of valid) problems.push(...appProblems(app, environmentNames));
  const pinShape = schemaProblems(AppPinsSchema, pins, "pins").map(formatProblem);
  problems.push(...pinShape);
  if (pinShape.length === 0) problems.push(...pinProblems(pins as AppPins, valid, environmentNames, Array.isArray(apps) && valid.length === apps.length));
  return problems;
}

/** Throws a `ValidationError` listing every problem, if there is any. */
export function assertValidApps(apps: unknown, pins: unknown, environmentNames: readonly string[]): void {
  const problems = validateApps(apps, pins, environmentNames);
  if (problems.length > 0) throw new ValidationError("apps", problems);
}

/** `apps/<name>` when the app has a name to show, else `apps[<index>]`. */
function appPath(app: unknown, index: number): string {
  const name = app !== null && typeof app === "object" ? (app as { name?: unknown }).name : undefined;
  return typeof name === "string" && /^[-a-zA-Z0-9_.]{1,60}$/.test(name) ? `apps/${name}` : `apps[${index}]`;
}

function pinProblems(pins: AppPins, apps: readonly AppSpec[], environmentNames: readonly string[], allAppsValid: boolean): string[] {
  const problems: string[] = [];
  const byName = new Map(apps.map((app) => [app.name, app]));
  for (const env of Object.keys(pins).sort(compareStrings)) {
    if (!environmentNames.includes(env)) {
      problems.push(`pins: environment "${env}" is not an environment of the platform; use one of ${environmentNames.join(", ")} or remove its pins`);
      continue;
    }
    for (const [appName, reference] of Object.entries(pins[env]).sort(([a], [b]) => compareStrings(a, b))) {
      const where = `${env}/apps/${appName}`;
      const app = byName.get(appName);
      if (!app) {
        // An app with a broken shape is reported above; its pins are checked once it is right.
        if (allAppsValid) problems.push(`${where}: pin names app "${appName}", which is not declared; declare the app or remove its pin`);
        continue;
      }
      const image = parsePinnedImage(reference);
      if (typeof image === "string") problems.push(`${where}: ${image}`);
      else if (app.image !== undefined && image.repository !== app.image) {
        problems.push(`${where}: image "${image.reference}" is from repository "${image.repository}"; the app's image is "${app.image}", pin an image of that repository`);
      }
    }
  }
  return problems;
}

/** The problems of one app spec whose shape is valid, its overrides included. */
export function appProblems(app: AppSpec, environmentNames?: readonly string[]): string[] {
  const where = `apps/${app.name}`;
  const problems = [...appFieldProblems(where, app), ...overrideProblems(where, app)];
  if (app.replicas !== undefined && app.autoscale) {
    problems.push(`${where}: replicas and autoscale are both set; keep autoscale (bounds) or replicas (a fixed count)`);
  }
  problems.push(...collisionProblems(where, app.env, app.secrets));
  problems.push(...mergedSizeProblems(where, app, app.env ?? {}, app.config ?? {}));
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
    const env_ = { ...app.env, ...overrides.env };
    if (overrides.env || overrides.secrets) problems.push(...collisionProblems(envWhere, env_, { ...app.secrets, ...overrides.secrets }));
    if (overrides.env || overrides.config) problems.push(...mergedSizeProblems(envWhere, app, env_, { ...app.config, ...overrides.config }));
  }
  // env and config are scanned with their own messages; everything else (hosts, paths, names ...) here.
  problems.push(...secretValueProblems(where, app, (path) => ["env", "config"].includes(path[path.length - 1] ?? "")));
  return problems;
}

function appFieldProblems(where: string, app: AppSpec): string[] {
  const problems: string[] = [];
  if (!APP_NAME.test(app.name)) {
    problems.push(`${where}: name "${app.name}" is not valid; use 2-40 lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit`);
  } else if (RESERVED_NAMESPACES.includes(app.name) || app.name.startsWith("kube-")) {
    problems.push(`${where}: name "${app.name}" is a namespace of kubernetes or the platform, and an app deploys into the namespace of its name; choose another name`);
  }
  if (app.image !== undefined && !isImageRepository(app.image)) {
    problems.push(`${where}: image "${app.image}" is not an image repository; use registry/repo without tag or digest (pins carry the digest)`);
  }
  problems.push(...portProblems(where, "port", app.port, true), ...portProblems(where, "servicePort", app.servicePort, false));
  problems.push(...mountPathProblems(where, app));
  if (app.runAsUser !== undefined && !isIntegerIn(app.runAsUser, 1, 2147483647)) {
    problems.push(`${where}: runAsUser ${app.runAsUser} is not valid; use a non-root user id from 1 to 2147483647`);
  }
  if (app.priorityClassName !== undefined && !isDnsSubdomain(app.priorityClassName)) {
    problems.push(`${where}: priorityClassName "${app.priorityClassName}" is not valid; use a lower-case dns subdomain such as apps-standard`);
  }
  (app.allowFromNamespaces ?? []).forEach((namespace, index) => {
    if (!isDnsLabel(namespace)) problems.push(`${where}: allowFromNamespaces[${index}] "${namespace}" is not a namespace name; ${DNS_LABEL_RULE}`);
  });
  for (const kind of ["readiness", "liveness", "startup"] as const) {
    const probe = app.probes?.[kind];
    if (probe) problems.push(...probeProblems(where, `probes.${kind}`, probe));
  }
  return problems;
}

function mountPathProblems(where: string, app: AppSpec): string[] {
  const path = app.configMountPath;
  if (path === undefined) return [];
  if (!/^\/[^\s:]*$/.test(path)) return [`${where}: configMountPath "${path}" is not valid; use an absolute path such as ${defaultConfigMountPath(app.name)}`];
  if (RESERVED_MOUNT_PATHS.includes(path.replace(/(.)\/+$/, "$1"))) {
    return [`${where}: configMountPath "${path}" is a mount path of the deployment itself (${RESERVED_MOUNT_PATHS.join(", ")}); use another absolute path such as ${defaultConfigMountPath(app.name)}`];
  }
  return [];
}

/** The config files and env values as one environment gets them (base merged with its overrides), against the limits. */
function mergedSizeProblems(where: string, app: AppSpec, env: Readonly<Record<string, string>>, config: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const configBytes = Object.entries(config).reduce((sum, [file, content]) => sum + Buffer.byteLength(file) + Buffer.byteLength(content), 0);
  if (configBytes > MAX_CONFIG_BYTES) {
    problems.push(`${where}: config files of app "${app.name}" are ${configBytes} bytes; a ConfigMap holds at most ${MAX_CONFIG_BYTES} bytes, move large files into the image`);
  }
  const envBytes = Object.entries(env).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value) + 2, 0);
  if (envBytes > MAX_ENV_TOTAL_BYTES) {
    problems.push(`${where}: env of app "${app.name}" is ${envBytes} bytes; use at most ${MAX_ENV_TOTAL_BYTES} bytes, put larger values into config files`);
  }
  return problems;
}

function collisionProblems(where: string, env: object | undefined, secrets: object | undefined): string[] {
  return Object.keys(env ?? {})
    .filter((name) => hasOwn(secrets, name))
    .map((name) => `${where}: variable "${name}" is in both env and secrets; keep it in one of them`);
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
