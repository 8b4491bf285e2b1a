import { isDnsLabel, isDnsSubdomain } from "../core/kubernetes-names";

/**
 * Schema check of the `PodMonitor` of `azmonitoring.coreos.com/v1`, the custom resource through which the
 * AKS managed Prometheus agent (ama-metrics) scrapes pods. It has no kubernetes-models package, so this
 * checks the fields the CRD defines (the prometheus-operator PodMonitor schema under Azure's group): it
 * rejects unknown fields, wrong types and values outside the CRD's enums and patterns. Registered in
 * `kubernetes-object.ts`.
 */
export class AzMonitoringPodMonitor {
  public static readonly apiVersion = "azmonitoring.coreos.com/v1";
  public static readonly kind = "PodMonitor";

  constructor(private readonly data: any) {}

  /** Throws an error naming the first field that breaks the schema. */
  public validate(): void {
    const problem = podMonitorProblem(this.data);
    if (problem) throw new Error(problem);
  }
}

/** The CRD's `Duration` pattern. */
const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RELABEL_ACTIONS = [
  "replace", "Replace", "keep", "Keep", "drop", "Drop", "hashmod", "HashMod", "labelmap", "LabelMap",
  "labeldrop", "LabelDrop", "labelkeep", "LabelKeep", "lowercase", "Lowercase", "uppercase", "Uppercase",
  "keepequal", "KeepEqual", "dropequal", "DropEqual",
];
const SELECTOR_OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"];

type Check = (value: any, at: string) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const string: Check = (v, at) => (typeof v === "string" ? undefined : `${at} must be a string`);
const boolean: Check = (v, at) => (typeof v === "boolean" ? undefined : `${at} must be a boolean`);
const integer: Check = (v, at) => (Number.isInteger(v) && v >= 0 ? undefined : `${at} must be a non-negative integer`);
const pattern = (regex: RegExp, what: string): Check => (v, at) => string(v, at) ?? (regex.test(v) ? undefined : `${at} "${v}" is not ${what}`);
const oneOf = (values: readonly string[]): Check => (v, at) => (values.includes(v) ? undefined : `${at} "${v}" must be one of ${values.join(", ")}`);
const arrayOf = (item: Check): Check => (v, at) => {
  if (!Array.isArray(v)) return `${at} must be an array`;
  for (let i = 0; i < v.length; i++) {
    const problem = item(v[i], `${at}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
};
const mapOf = (value: Check): Check => (v, at) => {
  if (!isObject(v)) return `${at} must be an object`;
  for (const [key, item] of Object.entries(v)) {
    const problem = value(item, `${at}.${key}`);
    if (problem) return problem;
  }
  return undefined;
};
const intOrString: Check = (v, at) => (typeof v === "string" || (Number.isInteger(v) && v > 0) ? undefined : `${at} must be a port number or name`);
const object = (fields: Record<string, Check>, required: readonly string[] = []): Check => (v, at) => {
  if (!isObject(v)) return `${at} must be an object`;
  for (const name of required) if (v[name] === undefined) return `${at}.${name} is required`;
  for (const [key, value] of Object.entries(v)) {
    const check = fields[key];
    if (!check) return `${at}.${key} is not a field of ${at}`;
    if (value === undefined) continue;
    const problem = check(value, `${at}.${key}`);
    if (problem) return problem;
  }
  return undefined;
};

const labelSelector = object({
  matchLabels: mapOf(string),
  matchExpressions: arrayOf(object({ key: string, operator: oneOf(SELECTOR_OPERATORS), values: arrayOf(string) }, ["key", "operator"])),
});

const relabelConfig = object({
  action: oneOf(RELABEL_ACTIONS),
  modulus: integer,
  regex: string,
  replacement: string,
  separator: string,
  sourceLabels: arrayOf(pattern(LABEL_NAME, "a label name")),
  targetLabel: string,
});

const secretKeySelector = object({ key: string, name: string, optional: boolean }, ["key"]);

const podMetricsEndpoint = object({
  port: string,
  portNumber: integer,
  targetPort: intOrString,
  path: string,
  scheme: oneOf(["http", "https", "HTTP", "HTTPS"]),
  params: mapOf(arrayOf(string)),
  interval: pattern(DURATION, "a duration such as 30s"),
  scrapeTimeout: pattern(DURATION, "a duration such as 10s"),
  honorLabels: boolean,
  honorTimestamps: boolean,
  trackTimestampsStaleness: boolean,
  filterRunning: boolean,
  followRedirects: boolean,
  enableHttp2: boolean,
  proxyUrl: string,
  bearerTokenSecret: secretKeySelector,
  metricRelabelings: arrayOf(relabelConfig),
  relabelings: arrayOf(relabelConfig),
});

const podMonitorSpec = object(
  {
    attachMetadata: object({ node: boolean }),
    jobLabel: string,
    labelLimit: integer,
    labelNameLengthLimit: integer,
    labelValueLengthLimit: integer,
    namespaceSelector: object({ any: boolean, matchNames: arrayOf(string) }),
    podMetricsEndpoints: arrayOf(podMetricsEndpoint),
    podTargetLabels: arrayOf(string),
    sampleLimit: integer,
    targetLimit: integer,
    selector: labelSelector,
  },
  ["selector"],
);

function podMonitorProblem(data: any): string | undefined {
  if (!isObject(data)) return "PodMonitor must be an object";
  if (data.apiVersion !== AzMonitoringPodMonitor.apiVersion) return `apiVersion must be ${AzMonitoringPodMonitor.apiVersion}`;
  if (data.kind !== AzMonitoringPodMonitor.kind) return `kind must be ${AzMonitoringPodMonitor.kind}`;
  const metadata = data.metadata;
  if (!isObject(metadata)) return "metadata is required";
  if (!isDnsSubdomain(metadata.name)) {
    return `metadata.name "${metadata.name}" is not a kubernetes name`;
  }
  if (metadata.namespace !== undefined && !isDnsLabel(metadata.namespace)) {
    return `metadata.namespace "${metadata.namespace}" is not a namespace name`;
  }
  for (const key of Object.keys(data)) {
    if (!["apiVersion", "kind", "metadata", "spec"].includes(key)) return `${key} is not a field of PodMonitor`;
  }
  if (data.spec === undefined) return "spec is required";
  return podMonitorSpec(data.spec, "spec");
}
