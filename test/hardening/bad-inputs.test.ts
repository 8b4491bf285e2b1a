import { App } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { specProblems } from "../../lib/apps/validate-specs";
import { ValidationError } from "../../lib/core/validation-error";
import { buildPlatform } from "../../stacks/build-platform";
import { cli, testEnv, tmpDir } from "../release/support";
import { ADMIN_GROUP, appSpec, environmentSpec, pinned, platformSpec } from "../support/fixtures";

// Table-driven: every bad input gets its own message (a string it contains, or a pattern), through the one
// validation buildPlatform runs (specProblems), never a TypeError.

type Any = any; // the point of these cases is input a TypeScript caller could not write
const dev = (change: (env: Any) => Any): Any => {
  const spec = platformSpec() as Any;
  return { ...spec, environments: spec.environments.map((env: Any) => (env.name === "dev" ? change(env) : env)) };
};
const prod = (change: (env: Any) => Any): Any => {
  const spec = platformSpec() as Any;
  return { ...spec, environments: spec.environments.map((env: Any) => (env.name === "prod" ? change(env) : env)) };
};
const cluster = (change: (c: Any) => Any) => dev((e) => ({ ...e, cluster: change(e.cluster) }));
const gitops = (change: (g: Any) => Any) => dev((e) => ({ ...e, gitops: change(e.gitops) }));
const monitoring = (m: Any) => dev((e) => ({ ...e, monitoring: m }));
const pool = (p: Any) => cluster((c) => ({ ...c, userPools: [{ name: "apps", vmSize: "Standard_D4s_v5", minCount: 1, maxCount: 3, ...p }] }));
const PINS = { dev: { web: pinned("web") } };

type Case = [string, unknown, unknown, unknown, string | RegExp];
const p = (label: string, platform: unknown, expected: string | RegExp): Case => [label, platform, [], {}, expected];
const a = (label: string, app: Any, expected: string | RegExp, pins: unknown = PINS): Case => [label, platformSpec(), [appSpec(app)], pins, expected];

const PLATFORM_CASES: Case[] = [
  p("null spec", null, "platform: null is not an object; use an object"),
  p("string spec", "contoso", 'platform: "contoso" is not an object'),
  p("array spec", [], "platform: a list is not an object"),
  p("empty object", {}, "platform.project: is missing; set it to a string"),
  p("environments missing", { project: "contoso" }, "platform.environments: is missing; set it to an array"),
  p("environments a string", { project: "contoso", environments: "dev" }, 'platform.environments: "dev" is not an array'),
  p("environments an object", { project: "contoso", environments: { dev: {} } }, "platform.environments: an object is not an array"),
  p("project a number", { ...platformSpec(), project: 7 }, "platform.project: number 7 is not a string"),
  p("project typo", { ...platformSpec(), projekt: "x" }, 'platform.projekt: unknown field "projekt"; did you mean "project"?'),
  p("remote state typo", { ...platformSpec(), remotestate: {} }, 'did you mean "remoteState"?'),
  p("unknown top-level field", { ...platformSpec(), colour: "blue" }, 'platform.colour: unknown field "colour"; remove it'),
  p("invalid project name", platformSpec({ project: "Contoso_Corp" }), 'platform: project "Contoso_Corp" is not valid'),
  p("project too long", platformSpec({ project: "contososhopworld" }), "is not valid; use 2-12 lower-case letters"),
  p("no environments", platformSpec({ environments: [] }), "platform: environments is empty"),
  p("environment null", { ...platformSpec(), environments: [null] }, "platform.environments[0]: null is not an object"),
  p("environment a string", { ...platformSpec(), environments: ["dev"] }, 'platform.environments[0]: "dev" is not an object'),
  p("environment without name", { ...platformSpec(), environments: [{ ...environmentSpec({ name: "dev" }), name: undefined }] }, "platform.environments[0].name: is missing; set it to a string"),
  p("remote state not an object", { ...platformSpec(), remoteState: "azure" }, 'platform.remoteState: "azure" is not an object'),
  p("remote state missing fields", { ...platformSpec(), remoteState: {} }, "platform.remoteState.resourceGroupName: is missing"),
  p("remote state bad account", { ...platformSpec(), remoteState: { resourceGroupName: "rg-state", storageAccountName: "Bad_Name", location: "westeurope" } }, "platform: remoteState: storage account name"),
  p("remote state bad container", { ...platformSpec(), remoteState: { resourceGroupName: "rg-state", storageAccountName: "stcontosostate", location: "westeurope", containerName: "Tf--State" } }, 'platform: remoteState.containerName "Tf--State" is not valid'),
  p("remote state unknown region", { ...platformSpec(), remoteState: { resourceGroupName: "rg-state", storageAccountName: "stcontosostate", location: "westeurop" } }, 'location "westeurop" is not an azure region name'),
  p("remote state bad subscription", { ...platformSpec(), remoteState: { resourceGroupName: "rg-state", storageAccountName: "stcontosostate", location: "westeurope", subscriptionId: "abc" } }, 'remoteState.subscriptionId "abc" is not a subscription id'),
  p("duplicate environment names", platformSpec({ environments: [environmentSpec({ name: "dev" }), environmentSpec({ name: "dev", addressSpace: "10.11.0.0/16" })] }), 'environments/dev: name "dev" is used by more than one environment'),
  p("overlapping address spaces", dev((e) => ({ ...e, addressSpace: "10.20.0.0/15" })), /overlaps "10.20.0.0\/15" of environment "dev"|overlaps/),
  p("promotion from unknown", dev((e) => ({ ...e, promotesFrom: "qa" })), 'promotesFrom "qa" is not a known environment'),
  p("promotion from itself", dev((e) => ({ ...e, promotesFrom: "dev" })), "is the environment itself"),
  p("promotion cycle", dev((e) => ({ ...e, promotesFrom: "prod" })), "promotion chain has a cycle"),
  p("promotion from a higher tier", prod((e) => ({ ...e, promotesFrom: undefined })) && { ...platformSpec(), environments: [environmentSpec({ name: "prod", addressSpace: "10.30.0.0/16" }, "prod"), environmentSpec({ name: "dev", promotesFrom: "prod" })] }, "promote from a lower tier"),
];

const ENVIRONMENT_CASES: Case[] = [
  p("env name typo", dev((e) => ({ ...e, nmae: "x" })), 'did you mean "name"?'),
  p("logRetentionDay typo", dev((e) => ({ ...e, logRetentionDay: 365 })), 'environments/dev.logRetentionDay: unknown field "logRetentionDay"; did you mean "logRetentionDays"?'),
  p("addressSpace typo", dev((e) => ({ ...e, addressSpace: undefined, adressSpace: "10.10.0.0/16" })), "environments/dev.addressSpace: is missing; set it to a string"),
  p("invalid environment name", dev((e) => ({ ...e, name: "Dev-1" })), 'environments/Dev-1: name "Dev-1" is not valid'),
  p("environment name too long", dev((e) => ({ ...e, name: "development12" })), "is not valid; use 2-12 lower-case letters and digits"),
  p("derived azure name too long", platformSpec({ project: "contososhop", environments: [environmentSpec({ name: "integration" })] }), "shorten the project or environment name"),
  p("location with spaces", dev((e) => ({ ...e, location: "West Europe" })), 'location "West Europe" is not an azure region name'),
  p("location not a region", dev((e) => ({ ...e, location: "westeuropa" })), 'location "westeuropa" is not an azure region name'),
  p("location a number", dev((e) => ({ ...e, location: 1 })), "environments/dev.location: number 1 is not a string"),
  p("unknown tier", dev((e) => ({ ...e, tier: "qa" })), 'environments/dev.tier: "qa" is not allowed; use one of "dev", "staging", "prod"'),
  p("tier missing", dev((e) => ({ ...e, tier: undefined })), "environments/dev.tier: is missing"),
  p("subscription not a guid", dev((e) => ({ ...e, subscriptionId: "sub-1" })), 'subscriptionId "sub-1" is not a subscription id'),
  p("address space not a cidr", dev((e) => ({ ...e, addressSpace: "nonsense" })), 'addressSpace "nonsense" is not an ipv4 cidr block'),
  p("address space host bits", dev((e) => ({ ...e, addressSpace: "10.10.0.1/16" })), 'addressSpace "10.10.0.1/16" is not an ipv4 cidr block'),
  p("address space not canonical", dev((e) => ({ ...e, addressSpace: "010.010.000.000/16" })), 'addressSpace "010.010.000.000/16" is not written canonically; write it as "10.10.0.0/16"'),
  p("address space too small", dev((e) => ({ ...e, addressSpace: "10.10.0.0/27" })), "has prefix /27; use a prefix from /8 to /24"),
  p("address space too large", dev((e) => ({ ...e, addressSpace: "10.0.0.0/7" })), "has prefix /7"),
  p("address space over pods", dev((e) => ({ ...e, addressSpace: "192.168.0.0/16" })), "overlaps the aks pod cidr"),
  p("address space over services", dev((e) => ({ ...e, addressSpace: "172.16.0.0/16" })), "overlaps the aks service cidr"),
  p("sync engine unknown", dev((e) => ({ ...e, sync: "jenkins" })), 'environments/dev.sync: "jenkins" is not allowed; use one of "flux", "argocd"'),
  p("owners empty", dev((e) => ({ ...e, owners: [] })), "owners is empty; name at least one owner e-mail address"),
  p("owners a string", dev((e) => ({ ...e, owners: "team@contoso.com" })), 'environments/dev.owners: "team@contoso.com" is not an array; use an array'),
  p("owner not an e-mail", dev((e) => ({ ...e, owners: ["team"] })), 'owner "team" is not an e-mail address; use an address such as'),
  p("owners tag too long", dev((e) => ({ ...e, owners: Array.from({ length: 20 }, (_, i) => `platform-team-${i}@contoso.com`) })), /owners tag of \d+ characters; azure allows 256/),
  p("tag set by the library", dev((e) => ({ ...e, tags: { environment: "x" } })), 'tag "environment" is set by the library'),
  p("library tag in other case", dev((e) => ({ ...e, tags: { Environment: "x" } })), 'tag "Environment" is set by the library (azure tag names ignore case)'),
  p("tags differing in case", dev((e) => ({ ...e, tags: { Team: "a", team: "b" } })), 'tags has "team" more than once in different case'),
  p("tag name with a slash", dev((e) => ({ ...e, tags: { "a/b": "x" } })), 'tag name "a/b" is not valid'),
  p("tag value too long", dev((e) => ({ ...e, tags: { team: "x".repeat(257) } })), 'tag "team" value is 257 characters long; azure allows 256'),
  p("tag value a number", dev((e) => ({ ...e, tags: { team: 1 } })), "environments/dev.tags.team: number 1 is not a string"),
  p("tags an array", dev((e) => ({ ...e, tags: ["a"] })), "environments/dev.tags: a list is not an object"),
  p("zones not 1-3", dev((e) => ({ ...e, zones: ["4"] })), 'zones contains "4"'),
  p("zones duplicated", dev((e) => ({ ...e, zones: ["1", "1"] })), "has duplicates"),
  p("zones numbers", dev((e) => ({ ...e, zones: [1, 2] })), "environments/dev.zones[0]: number 1 is not a string"),
  p("prod without zones", prod((e) => ({ ...e, zones: ["1"] })), "prod must be zone redundant"),
  p("retention too short", dev((e) => ({ ...e, logRetentionDays: 7 })), "logRetentionDays 7 is out of range"),
  p("retention fractional", dev((e) => ({ ...e, logRetentionDays: 30.5 })), "logRetentionDays 30.5 is out of range"),
  p("retention a string", dev((e) => ({ ...e, logRetentionDays: "90" })), 'environments/dev.logRetentionDays: "90" is not a number'),
  p("retention NaN", dev((e) => ({ ...e, logRetentionDays: NaN })), "environments/dev.logRetentionDays:"),
  p("key vault ranges not cidrs", dev((e) => ({ ...e, keyVaultAllowedIpRanges: ["runner"] })), 'keyVaultAllowedIpRanges contains "runner", which is not an ipv4 cidr block'),
  p("key vault ranges a string", dev((e) => ({ ...e, keyVaultAllowedIpRanges: "203.0.113.0/24" })), "environments/dev.keyVaultAllowedIpRanges: \"203.0.113.0/24\" is not an array"),
  p("cluster missing", dev((e) => ({ ...e, cluster: undefined })), "environments/dev.cluster: is missing; set it to an object"),
  p("kubernetes version bad", cluster((c) => ({ ...c, kubernetesVersion: "latest" })), 'cluster.kubernetesVersion "latest" is not valid'),
  p("kubernetes version a number", cluster((c) => ({ ...c, kubernetesVersion: 1.33 })), "environments/dev.cluster.kubernetesVersion: number 1.33 is not a string"),
  p("no admin groups", cluster((c) => ({ ...c, adminGroupObjectIds: [] })), "cluster.adminGroupObjectIds is empty"),
  p("admin group not a guid", cluster((c) => ({ ...c, adminGroupObjectIds: ["admins"] })), 'cluster.adminGroupObjectIds contains "admins", which is not an object id'),
  p("admin groups a string", cluster((c) => ({ ...c, adminGroupObjectIds: ADMIN_GROUP })), "environments/dev.cluster.adminGroupObjectIds:"),
  p("cluster typo", cluster((c) => ({ ...c, privatecluster: true })), 'did you mean "privateCluster"?'),
  p("api server open", cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: undefined })), "the api server is open to the internet"),
  p("authorized range everything", cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: ["0.0.0.0/0"] })), 'contains "0.0.0.0/0", which is wider than /8 (every address)'),
  p("authorized ranges halves", cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: ["0.0.0.0/1", "128.0.0.0/1"] })), "which is wider than /8"),
  p("authorized /8s covering everything", cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`) })), "together cover every address"),
  p("authorized range /7", cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: ["10.0.0.0/7"] })), "a large part of the internet"),
  p("authorized range a string", cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: "203.0.113.0/24" })), /^environments\/dev\.cluster\.apiServerAuthorizedIpRanges: "203\.0\.113\.0\/24" is not an array; use an array$/),
  p("authorized range not canonical", cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: ["203.0.113.000/24"] })), 'write it as "203.0.113.0/24"'),
  p("authorized range garbage", cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: ["office"] })), 'contains "office", which is not an ipv4 cidr block'),
  p("private cluster a string", cluster((c) => ({ ...c, privateCluster: "yes" })), 'environments/dev.cluster.privateCluster: "yes" is not a boolean'),
  p("upgrade channel unknown", cluster((c) => ({ ...c, upgradeChannel: "weekly" })), 'cluster.upgradeChannel: "weekly" is not allowed'),
  p("maintenance day unknown", cluster((c) => ({ ...c, maintenanceWindow: { dayOfWeek: "Sun", startHour: 2, durationHours: 4 } })), 'cluster.maintenanceWindow.dayOfWeek: "Sun" is not allowed'),
  p("maintenance too short", cluster((c) => ({ ...c, maintenanceWindow: { dayOfWeek: "Sunday", startHour: 2, durationHours: 2 } })), "durationHours 2 is out of range; aks needs 4-24 hours"),
  p("maintenance start hour", cluster((c) => ({ ...c, maintenanceWindow: { dayOfWeek: "Sunday", startHour: 24, durationHours: 4 } })), "startHour 24 is out of range"),
  p("maintenance offset", cluster((c) => ({ ...c, maintenanceWindow: { dayOfWeek: "Sunday", startHour: 2, durationHours: 4, utcOffset: "UTC+1" } })), 'utcOffset "UTC+1" is not valid'),
  p("node pool name", pool({ name: "Apps" }), 'cluster.userPools[0].name "Apps" is not valid'),
  p("node pool vm size", pool({ vmSize: "D4s_v5" }), 'vmSize "D4s_v5" is not an azure vm size'),
  p("node pool min > max", pool({ minCount: 5, maxCount: 2 }), "autoscale minCount 5 is greater than maxCount 2"),
  p("node pool max 0", pool({ maxCount: 0 }), "maxCount 0 is not valid"),
  p("node pool max pods", pool({ maxPods: 500 }), "maxPods 500 is out of range"),
  p("node pool disk", pool({ osDiskSizeGb: 10 }), "osDiskSizeGb 10 is out of range"),
  p("node pool count a string", pool({ minCount: "1" }), 'environments/dev.cluster.userPools[0].minCount: "1" is not a number'),
  p("node pool label key", pool({ labels: { "bad key": "x" } }), 'labels key "bad key" is not a kubernetes label key'),
  p("node pool label reserved prefix", pool({ labels: { "kubernetes.azure.com/mode": "user" } }), "is under a prefix that aks and kubernetes reserve"),
  p("node pool label kubernetes.io", pool({ labels: { "node.kubernetes.io/role": "x" } }), "is under a prefix that aks and kubernetes reserve"),
  p("node pool label value", pool({ labels: { team: "a b" } }), 'labels "team" value "a b" is not a kubernetes label value'),
  p("node pool label value too long", pool({ labels: { team: "x".repeat(64) } }), "is not a kubernetes label value"),
  p("node pool typo", pool({ maxpods: 30 }), 'did you mean "maxPods"?'),
  p("duplicate node pools", cluster((c) => ({ ...c, systemPool: { name: "apps", vmSize: "Standard_D2s_v5", minCount: 1, maxCount: 2 } })), 'node pool name "apps" is used more than once'),
  p("prod system pool", prod((e) => ({ ...e, cluster: { ...e.cluster, systemPool: { name: "system", vmSize: "Standard_D4s_v5", minCount: 1, maxCount: 3 } } })), "leaves prod without a spare system node"),
  p("gitops missing", dev((e) => ({ ...e, gitops: undefined })), "environments/dev.gitops: is missing"),
  p("gitops url credentials", gitops((g) => ({ ...g, url: "https://user:token@github.com/contoso/gitops.git" })), "embeds credentials"),
  p("gitops url not git", gitops((g) => ({ ...g, url: "ftp://host/repo" })), "is not a git url"),
  p("gitops url with a query", gitops((g) => ({ ...g, url: "https://github.com/contoso/gitops.git?token=abc" })), "is not a git url"),
  p("ssh url without key", gitops((g) => ({ ...g, url: "git@github.com:contoso/gitops.git" })), "is an ssh url, which needs a key"),
  p("bad branch", gitops((g) => ({ ...g, branch: "feature..x" })), "is not a valid git branch name"),
  p("bad sync interval", gitops((g) => ({ ...g, syncInterval: "5 minutes" })), 'gitops.syncInterval "5 minutes" is not a duration'),
  p("sync interval a number", gitops((g) => ({ ...g, syncInterval: 300 })), "environments/dev.gitops.syncInterval: number 300 is not a string"),
  p("auth kind unknown", gitops((g) => ({ ...g, auth: { kind: "token" } })), 'environments/dev.gitops.auth.kind: "token" is not allowed; use one of "public", "ssh", "https"'),
  p("auth kind missing", gitops((g) => ({ ...g, auth: {} })), "environments/dev.gitops.auth.kind: is missing; set it to one of"),
  p("auth a string", gitops((g) => ({ ...g, auth: "public" })), 'environments/dev.gitops.auth: "public" is not an object'),
  p("ssh auth missing secret", gitops((g) => ({ ...g, url: "git@github.com:contoso/gitops.git", auth: { kind: "ssh", privateKeySecretName: "key" } })), "environments/dev.gitops.auth.knownHostsSecretName: is missing"),
  p("ssh auth on https url", gitops((g) => ({ ...g, auth: { kind: "ssh", privateKeySecretName: "key", knownHostsSecretName: "hosts" } })), "gitops.auth is ssh but url"),
  p("https auth bad secret name", gitops((g) => ({ ...g, auth: { kind: "https", usernameSecretName: "user_name", passwordSecretName: "pw" } })), 'gitops.auth secret name "user_name" is not a key vault secret name'),
  p("https auth with a password", gitops((g) => ({ ...g, auth: { kind: "https", usernameSecretName: "u", passwordSecretName: "p", password: "hunter2" } })), 'unknown field "password"'),
  p("prod without receivers", prod((e) => ({ ...e, monitoring: undefined })), "prod environment has no alert receivers"),
  p("email receiver bad", monitoring({ emailReceivers: ["oncall"] }), 'monitoring.emailReceivers contains "oncall", which is not an e-mail address; use an address such as'),
  p("webhook not https", monitoring({ webhookReceivers: [{ name: "hook", url: "http://example.com/x" }] }), 'monitoring webhook "hook" url is not an https url'),
  p("webhook name", monitoring({ webhookReceivers: [{ name: "my hook", url: "https://example.com/x" }] }), 'monitoring webhook name "my hook" is not valid'),
  p("webhook duplicate", monitoring({ webhookReceivers: [{ name: "hook", url: "https://example.com/x" }, { name: "hook", url: "https://example.com/y" }] }), "is used twice"),
  p("webhook with credentials", monitoring({ webhookReceivers: [{ name: "hook", url: "https://user:pw@example.com/x" }] }), "environments/dev.monitoring.webhookReceivers[0].url: holds what looks like a url with credentials"),
  p("webhook with a signature", monitoring({ webhookReceivers: [{ name: "hook", url: "https://example.com/x?sig=abcdef123" }] }), "holds what looks like a signed url"),
  p("webhook missing url", monitoring({ webhookReceivers: [{ name: "hook" }] }), "environments/dev.monitoring.webhookReceivers[0].url: is missing"),
  p("grafana admin not a guid", monitoring({ grafanaAdminGroupObjectId: "admins" }), 'grafanaAdminGroupObjectId "admins" is not an object id'),
  p("monitoring typo", monitoring({ emailReceiver: ["a@b.c"] }), 'did you mean "emailReceivers"?'),
  p("secret in a tag", dev((e) => ({ ...e, tags: { token: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" } })), "environments/dev.tags.token: holds what looks like a github token"),
];

const APP_CASES: Case[] = [
  ["apps not an array", platformSpec(), { web: appSpec() }, {}, "apps: an object is not an array"],
  ["app null", platformSpec(), [null], {}, "apps[0]: null is not an object"],
  ["app without a name", platformSpec(), [{ port: 8080 }], {}, "apps[0].name: is missing; set it to a string"],
  a("replica typo", { replica: 2 }, 'apps/web.replica: unknown field "replica"; did you mean "replicas"?'),
  a("port missing", { port: undefined }, "apps/web.port: is missing; set it to a number"),
  a("port a string", { port: "8080" }, 'apps/web.port: "8080" is not a number'),
  a("port out of range", { port: 70000 }, "port 70000 is out of range"),
  a("service port 0", { servicePort: 0 }, "servicePort 0 is out of range"),
  a("bad name", { name: "Web_App" }, 'name "Web_App" is not valid', { dev: {} }),
  a("name too long", { name: `w${"e".repeat(40)}` }, "is not valid; use 2-40 lower-case letters", { dev: {} }),
  a("platform namespace", { name: "kube-system" }, "is a namespace of kubernetes or the platform", { dev: {} }),
  a("kube- prefix", { name: "kube-apps" }, "is a namespace of kubernetes or the platform", { dev: {} }),
  a("flux-system", { name: "flux-system" }, "is a namespace of kubernetes or the platform", { dev: {} }),
  a("image with a tag", { image: "acr.azurecr.io/web:1.0" }, "is not an image repository"),
  a("replicas 0", { replicas: 0 }, "replicas 0 is not valid"),
  a("replicas fractional", { replicas: 1.5 }, "replicas 1.5 is not valid"),
  a("replicas and autoscale", { replicas: 2, autoscale: { minReplicas: 1, maxReplicas: 3 } }, "replicas and autoscale are both set"),
  a("autoscale min > max", { replicas: undefined, autoscale: { minReplicas: 5, maxReplicas: 2 } }, "autoscale.minReplicas 5 is greater than autoscale.maxReplicas 2"),
  a("autoscale target", { replicas: undefined, autoscale: { minReplicas: 1, maxReplicas: 2, targetCpuUtilizationPercent: 150 } }, "targetCpuUtilizationPercent 150 is not valid"),
  a("autoscale missing max", { replicas: undefined, autoscale: { minReplicas: 1 } }, "apps/web.autoscale.maxReplicas: is missing"),
  a("cpu quantity", { resources: { cpu: "half" } }, 'resources.cpu "half" is not a valid quantity'),
  a("memory quantity", { resources: { memory: "1GB" } }, 'resources.memory "1GB" is not a valid quantity'),
  a("cpu limit below request", { resources: { cpu: "500m", cpuLimit: "250m" } }, "is below the cpu request"),
  a("memory limit below default request", { resources: { memoryLimit: "64Mi" } }, 'is below the memory request "128Mi"'),
  a("resources typo", { resources: { memoryLimits: "1Gi" } }, 'did you mean "memoryLimit"?'),
  a("probe path", { probes: { readiness: { path: "healthz" } } }, 'probes.readiness.path "healthz" is not valid'),
  a("probe port", { probes: { liveness: { port: 0 } } }, "probes.liveness.port 0 is out of range"),
  a("probe period", { probes: { liveness: { periodSeconds: 0 } } }, "probes.liveness.periodSeconds 0 is not valid"),
  a("probe kind unknown", { probes: { health: {} } }, 'apps/web.probes.health: unknown field "health"'),
  a("env name", { env: { "my-var": "x" } }, 'env variable name "my-var" is not valid'),
  a("env value a number", { env: { PORT: 8080 } }, "apps/web.env.PORT: number 8080 is not a string"),
  a("env value null", { env: { PORT: null } }, "apps/web.env.PORT: null is not a string"),
  a("env a list", { env: ["A=1"] }, "apps/web.env: a list is not an object"),
  a("env value too big", { env: { BIG: "x".repeat(40000) } }, 'env variable "BIG" is 40000 bytes; use at most 32768 bytes'),
  a("env total too big", { env: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`V${i}`, "x".repeat(30000)])) }, /env of app "web" is \d+ bytes; use at most 131072 bytes/),
  a("config name", { config: { "a/b": "x" } }, 'config file name "a/b" is not valid'),
  a("config content a number", { config: { "a.txt": 1 } }, "apps/web.config.a.txt: number 1 is not a string"),
  a("config too big", { config: { "big.txt": "x".repeat(1_000_001) } }, "a ConfigMap holds at most 1000000 bytes"),
  a("merged config too big", { config: { "a.txt": "x".repeat(600_000) }, environments: { dev: { config: { "b.txt": "x".repeat(600_000) } } } }, 'apps/web/environments/dev: config files of app "web" are'),
  a("config mount path relative", { configMountPath: "etc/web" }, 'configMountPath "etc/web" is not valid'),
  a("config mount over secrets", { configMountPath: "/mnt/secrets-store" }, "is a mount path of the deployment itself"),
  a("secret literal", { secrets: { DB_PASSWORD: "hunter2" } }, 'apps/web.secrets.DB_PASSWORD: "hunter2" is a literal value; secrets must be key vault references'),
  a("secret with value", { secrets: { DB_PASSWORD: { keyVaultSecret: "db", value: "x" } } }, 'unknown field "value"'),
  a("secret bad vault name", { secrets: { DB_PASSWORD: { keyVaultSecret: "db_password" } } }, "is not a key vault secret name"),
  a("secret bad version", { secrets: { DB_PASSWORD: { keyVaultSecret: "db", version: "latest" } } }, 'has version "latest", which is not a key vault secret version'),
  a("secret variable name", { secrets: { "db-password": { keyVaultSecret: "db" } } }, 'secret variable name "db-password" is not valid'),
  a("env and secret collide", { env: { DB: "x" }, secrets: { DB: { keyVaultSecret: "db" } } }, 'variable "DB" is in both env and secrets'),
  a("allowFromNamespaces bad", { allowFromNamespaces: ["Web"] }, 'allowFromNamespaces[0] "Web" is not a namespace name'),
  a("allowFromNamespaces a string", { allowFromNamespaces: "web" }, 'apps/web.allowFromNamespaces: "web" is not an array'),
  a("ingress host upper case", { ingress: { host: "Shop.Contoso.com" } }, 'ingress.host "Shop.Contoso.com" is not a valid host name'),
  a("ingress host 64-char label", { ingress: { host: `${"a".repeat(64)}.contoso.com` } }, "is not a valid host name; use lower-case dns labels of at most 63 characters"),
  a("ingress host missing", { ingress: {} }, "apps/web.ingress.host: is missing"),
  a("ingress path wildcard", { ingress: { host: "shop.contoso.com", path: "/api/*" } }, 'ingress.path "/api/*" is not a valid path prefix'),
  a("ingress path dot-dot", { ingress: { host: "shop.contoso.com", path: "/a/../b" } }, "is not a valid path prefix"),
  a("ingress class", { ingress: { host: "shop.contoso.com", className: "Nginx" } }, 'ingress.className "Nginx" is not valid'),
  a("ingress tls secret", { ingress: { host: "shop.contoso.com", tlsSecretName: "TLS" } }, 'ingress.tlsSecretName "TLS" is not a valid secret name'),
  a("ingress controller namespace", { ingress: { host: "shop.contoso.com", controllerNamespace: "App Routing" } }, "is not a namespace name"),
  a("run as root", { runAsUser: 0 }, "runAsUser 0 is not valid; use a non-root user id"),
  a("priority class", { priorityClassName: "Critical" }, 'priorityClassName "Critical" is not valid'),
  a("delivery unknown", { delivery: "helm" }, 'apps/web.delivery: "helm" is not allowed; use one of "gitops", "terraform"'),
  a("alerts restarts", { alerts: { maxRestartsIn15m: 0 } }, "alerts.maxRestartsIn15m 0 is out of range"),
  a("alerts duration", { alerts: { unavailableFor: "30s" } }, 'alerts.unavailableFor "30s" is not a valid alert duration'),
  a("alerts severity", { alerts: { severity: 7 } }, "alerts.severity 7 is out of range"),
  a("alerts typo", { alerts: { severty: 1 } }, 'did you mean "severity"?'),
  a("override of unknown environment", { environments: { qa: { replicas: 1 } } }, 'environments has "qa", which is not an environment of the platform'),
  a("override typo", { environments: { dev: { replica: 1 } } }, 'apps/web.environments.dev.replica: unknown field "replica"; did you mean "replicas"?'),
  a("override replicas bad", { environments: { dev: { replicas: -1 } } }, "apps/web/environments/dev: replicas -1 is not valid"),
  a("override not an object", { environments: { dev: 3 } }, "apps/web.environments.dev: number 3 is not an object"),
  a("override of a non-overridable field", { environments: { dev: { port: 9090 } } }, 'apps/web.environments.dev.port: unknown field "port"'),
  a("override env collides", { secrets: { DB: { keyVaultSecret: "db" } }, environments: { dev: { env: { DB: "x" } } } }, 'apps/web/environments/dev: variable "DB" is in both env and secrets'),
  ["duplicate app names", platformSpec(), [appSpec(), appSpec()], PINS, 'apps/web: name "web" is used by more than one app'],
  ["app named constructor", platformSpec(), [appSpec({ name: "constructor" })], { dev: { toString: pinned("x") } }, 'dev/apps/toString: pin names app "toString", which is not declared'],
];

const PIN_CASES: Case[] = [
  ["pins not an object", platformSpec(), [appSpec()], "dev", 'pins: "dev" is not an object'],
  ["pins a list", platformSpec(), [appSpec()], [], "pins: a list is not an object"],
  ["pins of an environment a string", platformSpec(), [appSpec()], { dev: "web" }, 'pins.dev: "web" is not an object'],
  ["pin a number", platformSpec(), [appSpec()], { dev: { web: 1 } }, "pins.dev.web: number 1 is not a string"],
  ["pin of unknown environment", platformSpec(), [appSpec()], { qa: { web: pinned("web") } }, 'pins: environment "qa" is not an environment of the platform'],
  ["pin of unknown app", platformSpec(), [appSpec()], { dev: { api: pinned("api") } }, 'dev/apps/api: pin names app "api", which is not declared'],
  ["pin without digest", platformSpec(), [appSpec()], { dev: { web: "acr.azurecr.io/web:1.0" } }, "dev/apps/web: image"],
  ["pin latest", platformSpec(), [appSpec()], { dev: { web: "web:latest" } }, "dev/apps/web:"],
  ["pin short digest", platformSpec(), [appSpec()], { dev: { web: "acr.azurecr.io/web@sha256:abc" } }, "dev/apps/web:"],
  ["pin empty", platformSpec(), [appSpec()], { dev: { web: "" } }, 'image "" is not an image reference'],
  ["pin of another repository", platformSpec(), [appSpec({ image: "acr.azurecr.io/web" })], { dev: { web: pinned("other") } }, "pin an image of that repository"],
];

const ALL = [...PLATFORM_CASES, ...ENVIRONMENT_CASES, ...APP_CASES, ...PIN_CASES];

describe("bad inputs, one message each", () => {
  test("the table holds at least 150 cases besides the CLI ones", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(150);
  });

  test.each(ALL)("%s", (_label, platform, apps, pins, expected) => {
    let problems: string[] = [];
    expect(() => (problems = specProblems(platform, apps, pins))).not.toThrow();
    expect(problems.length).toBeGreaterThan(0);
    const matches = problems.filter((problem) => (typeof expected === "string" ? problem.includes(expected) : expected.test(problem)));
    if (matches.length === 0) throw new Error(`no problem matches ${String(expected)}; got:\n${problems.join("\n")}`);
    for (const problem of problems) expect(problem).toMatch(/^[^\s:]+(\[[^\]]*\])*[^\s:]*: .+; .+/s);
  });

  test("a string instead of a list gives one problem, not one per character", () => {
    const problems = specProblems(cluster((c) => ({ ...c, apiServerAuthorizedIpRanges: "203.0.113.0/24" })));
    expect(problems).toEqual(['environments/dev.cluster.apiServerAuthorizedIpRanges: "203.0.113.0/24" is not an array; use an array']);
  });

  test("platform, apps and pins problems come in one ValidationError, and nothing is written", () => {
    const outdir = tmpDir("hardening-");
    const app = new App({ outdir });
    let error: unknown;
    try {
      buildPlatform(app, dev((e) => ({ ...e, logRetentionDay: 365 })), { apps: [appSpec({ replica: 2 } as Any)], pins: { qa: {} } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems;
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("logRetentionDay"), expect.stringContaining("apps/web.replica"), expect.stringContaining('pins: environment "qa"')]));
    expect((error as Error).message.split("\n")[0]).toBe(`invalid platform spec (${problems.length} problems):`);
    expect(app.node.children).toHaveLength(0);
    expect(fs.readdirSync(outdir, { recursive: true }).filter((entry) => fs.statSync(path.join(outdir, String(entry))).isFile())).toEqual([]);
  });
});

describe("bad command lines", () => {
  const CLI_CASES: [string, string[], number, string | RegExp][] = [
    ["unknown command", ["deploy"], 2, "unknown command 'deploy'"],
    ["unknown option", ["history", "--env", "dev", "--bogus"], 2, "unknown option '--bogus'"],
    ["history without --env", ["history"], 2, "--env"],
    ["bad environment name", ["history", "--env", "Dev!"], 2, /environment/],
    ["promote without --from", ["promote", "--to", "prod"], 2, /--from/],
  ];
  test.each(CLI_CASES)("%s", async (_label, args, code, expected) => {
    const run = await cli(process.cwd(), testEnv(), ...args);
    expect(run.code).toBe(code);
    expect(`${run.stderr}${run.stdout}`).toMatch(typeof expected === "string" ? new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : expected);
  });
});
