import { isKeyVaultSecretName, isKeyVaultSecretVersion, KEY_VAULT_SECRET_NAME_RULE } from "../core/azure-formats";
import { DNS_LABEL_RULE, isDnsLabel, isDnsSubdomain } from "../core/kubernetes-names";
import { isPlaceholder, isSecretName, secretKindsIn, secretKindsInFile, SECRET_FIX } from "../core/secret-detection";
import { appAlertThresholdProblems } from "../environment/validate-app-alerts";
import { isIntegerIn } from "../environment/validate-cluster";
import { DEFAULT_CPU_REQUEST, DEFAULT_MEMORY_REQUEST } from "./app-defaults";
import { AppAutoscale, AppIngress, AppOverrides, AppResources, AppSecretRef } from "./app-spec";

const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const CPU = /^([1-9]\d*m|\d+(\.\d{1,3})?)$/;
const MEMORY = /^[1-9]\d*(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
/**
 * An Ingress `Prefix` path: segments of letters, digits, '.', '_' and '-' (no '.' or '..' segment, no '//').
 * The API server rejects '//', '/./' and '/../'; ingress-nginx (AKS application routing) rejects other
 * characters in `Prefix` paths (strict path type validation).
 */
const INGRESS_PATH = /^(?=\/)(\/(?!\.{1,2}(\/|$))[A-Za-z0-9._-]+)*\/?$/;
const MEMORY_UNITS: Readonly<Record<string, number>> = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
/**
 * Largest env value, and all values together. Linux refuses to start a process whose single argument or
 * environment string exceeds 128 KiB (MAX_ARG_STRLEN); the bounds keep well below it and the Pod object small.
 */
export const MAX_ENV_VALUE_BYTES = 32 * 1024;
export const MAX_ENV_TOTAL_BYTES = 128 * 1024;

/** Problems of the fields an environment may override (also checked on the app itself). */
export function overrideProblems(where: string, fields: AppOverrides): string[] {
  return [
    ...(fields.replicas !== undefined && !isIntegerIn(fields.replicas, 1, 1000) ? [`${where}: replicas ${fields.replicas} is not valid; use a whole number from 1 to 1000`] : []),
    ...(fields.autoscale ? autoscaleProblems(where, fields.autoscale) : []),
    ...(fields.resources ? resourceProblems(where, fields.resources) : []),
    ...envProblems(where, fields.env ?? {}),
    ...configProblems(where, fields.config ?? {}),
    ...secretRefProblems(where, fields.secrets ?? {}),
    ...(fields.ingress ? ingressProblems(where, fields.ingress) : []),
    ...(fields.alerts ? appAlertThresholdProblems(where, fields.alerts) : []),
  ];
}

function autoscaleProblems(where: string, autoscale: AppAutoscale): string[] {
  const { minReplicas, maxReplicas, targetCpuUtilizationPercent } = autoscale;
  const problems: string[] = [];
  if (!isIntegerIn(minReplicas, 1, 1000)) problems.push(`${where}: autoscale.minReplicas ${minReplicas} is not valid; use a whole number from 1 to 1000`);
  if (!isIntegerIn(maxReplicas, 1, 1000)) problems.push(`${where}: autoscale.maxReplicas ${maxReplicas} is not valid; use a whole number from 1 to 1000`);
  if (minReplicas > maxReplicas) {
    problems.push(`${where}: autoscale.minReplicas ${minReplicas} is greater than autoscale.maxReplicas ${maxReplicas}; make minReplicas at most maxReplicas`);
  }
  if (targetCpuUtilizationPercent !== undefined && !isIntegerIn(targetCpuUtilizationPercent, 1, 100)) {
    problems.push(`${where}: autoscale.targetCpuUtilizationPercent ${targetCpuUtilizationPercent} is not valid; use a whole number from 1 to 100`);
  }
  return problems;
}

function resourceProblems(where: string, resources: AppResources): string[] {
  const problems: string[] = [];
  const { cpu, memory, cpuLimit, memoryLimit } = resources;
  for (const [prop, value, pattern, example] of [
    ["cpu", cpu, CPU, "250m"],
    ["cpuLimit", cpuLimit, CPU, "1"],
    ["memory", memory, MEMORY, "256Mi"],
    ["memoryLimit", memoryLimit, MEMORY, "512Mi"],
  ] as const) {
    if (value !== undefined && !pattern.test(value)) problems.push(`${where}: resources.${prop} "${value}" is not a valid quantity; use e.g. "${example}"`);
  }
  // Kubernetes rejects a limit below its request; the request is what resolveApp will set.
  const cpuRequest = cpu ?? DEFAULT_CPU_REQUEST;
  if (cpuLimit !== undefined && CPU.test(cpuRequest) && CPU.test(cpuLimit) && cpuCores(cpuLimit) < cpuCores(cpuRequest)) {
    problems.push(`${where}: resources.cpuLimit "${cpuLimit}" is below the cpu request "${cpuRequest}"; make the limit at least the request`);
  }
  const memoryRequest = memory ?? DEFAULT_MEMORY_REQUEST;
  if (memoryLimit !== undefined && MEMORY.test(memoryRequest) && MEMORY.test(memoryLimit) && memoryBytes(memoryLimit) < memoryBytes(memoryRequest)) {
    problems.push(`${where}: resources.memoryLimit "${memoryLimit}" is below the memory request "${memoryRequest}"; make the limit at least the request`);
  }
  return problems;
}

function envProblems(where: string, env: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_VAR_NAME.test(name)) {
      problems.push(`${where}: env variable name "${name}" is not valid; use letters, digits and underscores, not starting with a digit`);
    }
    const kinds = secretKindsIn(value);
    if (kinds.length > 0) {
      problems.push(`${where}: env variable "${name}" holds what looks like a ${kinds.join(" and a ")}; move it to secrets as a key vault reference: { keyVaultSecret: "<secret name>" }`);
    } else if (isSecretName(name) && !isPlaceholder(value)) {
      problems.push(`${where}: env variable "${name}" holds a literal secret value (its name says so); move it to secrets as a key vault reference: { keyVaultSecret: "<secret name>" }`);
    }
    if (Buffer.byteLength(value) > MAX_ENV_VALUE_BYTES) {
      problems.push(`${where}: env variable "${name}" is ${Buffer.byteLength(value)} bytes; use at most ${MAX_ENV_VALUE_BYTES} bytes, put larger values into config files`);
    }
  }
  return problems;
}

function configProblems(where: string, config: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [file, content] of Object.entries(config)) {
    if (!CONFIG_KEY.test(file) || file === "." || file === "..") {
      problems.push(`${where}: config file name "${file}" is not valid; use letters, digits, '-', '_' and '.'`);
    }
    const kinds = secretKindsInFile(content);
    if (kinds.length > 0) problems.push(`${where}: config file "${file}" holds what looks like a ${kinds.join(" and a ")}; ${SECRET_FIX}`);
  }
  return problems;
}

function secretRefProblems(where: string, secrets: Readonly<Record<string, AppSecretRef>>): string[] {
  const problems: string[] = [];
  for (const [name, ref] of Object.entries(secrets)) {
    if (!ENV_VAR_NAME.test(name)) {
      problems.push(`${where}: secret variable name "${name}" is not valid; use letters, digits and underscores, not starting with a digit`);
    }
    if (!isKeyVaultSecretName(ref.keyVaultSecret)) {
      problems.push(`${where}: secret "${name}" has keyVaultSecret ${JSON.stringify(ref.keyVaultSecret)}, which is not a key vault secret name; ${KEY_VAULT_SECRET_NAME_RULE}`);
    }
    if (ref.version !== undefined && !isKeyVaultSecretVersion(ref.version)) {
      problems.push(`${where}: secret "${name}" has version "${ref.version}", which is not a key vault secret version; use its 32 hex digits or leave it out`);
    }
  }
  return problems;
}

function ingressProblems(where: string, ingress: AppIngress): string[] {
  const problems: string[] = [];
  if (!isIngressHost(ingress.host)) {
    problems.push(`${where}: ingress.host "${ingress.host}" is not a valid host name; use lower-case dns labels of at most 63 characters, such as shop.contoso.com`);
  }
  if (ingress.path !== undefined && !INGRESS_PATH.test(ingress.path)) {
    problems.push(`${where}: ingress.path "${ingress.path}" is not a valid path prefix; use '/'-separated segments of letters, digits, '.', '_' and '-', such as /api (no wildcards or regular expressions: it matches as a prefix)`);
  }
  if (ingress.className !== undefined && !isDnsSubdomain(ingress.className)) {
    problems.push(`${where}: ingress.className "${ingress.className}" is not valid; use a lower-case dns subdomain`);
  }
  if (ingress.controllerNamespace !== undefined && !isDnsLabel(ingress.controllerNamespace)) {
    problems.push(`${where}: ingress.controllerNamespace "${ingress.controllerNamespace}" is not a namespace name; ${DNS_LABEL_RULE}`);
  }
  if (ingress.tlsSecretName !== undefined && !isDnsSubdomain(ingress.tlsSecretName)) {
    problems.push(`${where}: ingress.tlsSecretName "${ingress.tlsSecretName}" is not a valid secret name; use a lower-case dns subdomain`);
  }
  return problems;
}

/** A host name an Ingress rule accepts: a DNS subdomain (labels of at most 63 characters), optionally `*.` first. */
function isIngressHost(host: string): boolean {
  return host.length <= 253 && isDnsSubdomain(host.startsWith("*.") ? host.slice(2) : host);
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
