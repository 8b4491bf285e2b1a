import * as fs from "fs";
import { EnvironmentSpec, PlatformSpec, PlatformValidationError, resolvePlatform, validatePlatform } from "../../lib";
import { buildPlatform } from "../../stacks/build-platform";
import { environmentSpec, platformSpec } from "../support/fixtures";
import { withTestApp } from "../support/synth";

/** The reference-like platform with one environment changed. */
function withEnvironment(name: string, change: (env: EnvironmentSpec) => EnvironmentSpec): PlatformSpec {
  const spec = platformSpec();
  return { ...spec, environments: spec.environments.map((env) => (env.name === name ? change(env) : env)) };
}

const dev = (change: (env: EnvironmentSpec) => EnvironmentSpec) => withEnvironment("dev", change);
const prod = (change: (env: EnvironmentSpec) => EnvironmentSpec) => withEnvironment("prod", change);

const BAD_SPECS: [string, PlatformSpec, string][] = [
  ["invalid project name", platformSpec({ project: "Contoso_Corp" }), 'platform: project "Contoso_Corp" is not valid'],
  ["no environments", platformSpec({ environments: [] }), "platform: environments is empty"],
  ["invalid environment name", dev((e) => ({ ...e, name: "Dev-1" })), 'environments/Dev-1: name "Dev-1" is not valid; use 2-12 lower-case letters'],
  [
    "duplicate environment names",
    platformSpec({ environments: [environmentSpec({ name: "dev" }), environmentSpec({ name: "dev", addressSpace: "10.11.0.0/16" })] }),
    'environments/dev: name "dev" is used by more than one environment',
  ],
  [
    "names that break azure rules of derived resources",
    platformSpec({ project: "contososhop", environments: [environmentSpec({ name: "integration" })] }),
    'environments/integration: key vault name "kv-contososhop-integration" is 26 characters long; azure allows 3-24; shorten the project or environment name',
  ],
  ["location with spaces", dev((e) => ({ ...e, location: "West Europe" })), 'environments/dev: location "West Europe" is not an azure region name; use the programmatic name'],
  ["unknown tier", dev((e) => ({ ...e, tier: "qa" as never })), 'environments/dev.tier: "qa" is not allowed; use one of "dev", "staging", "prod"'],
  ["address space not a cidr", dev((e) => ({ ...e, addressSpace: "10.10.0.1/16" })), 'environments/dev: addressSpace "10.10.0.1/16" is not an ipv4 cidr block'],
  ["address space too small", dev((e) => ({ ...e, addressSpace: "10.10.0.0/27" })), 'environments/dev: addressSpace "10.10.0.0/27" has prefix /27; use a prefix from /8 to /24'],
  ["address space over the service cidr", dev((e) => ({ ...e, addressSpace: "172.16.0.0/16" })), "overlaps the aks service cidr 172.16.0.0/16"],
  [
    "overlapping address spaces between environments",
    withEnvironment("staging", (e) => ({ ...e, addressSpace: "10.10.128.0/17" })),
    'environments/staging: addressSpace "10.10.128.0/17" overlaps "10.10.0.0/16" of environment "dev"',
  ],
  [
    "autoscale min greater than max",
    dev((e) => ({ ...e, cluster: { ...e.cluster, userPools: [{ name: "apps", vmSize: "Standard_D4s_v5", minCount: 5, maxCount: 2 }] } })),
    "environments/dev: cluster.userPools[0]: autoscale minCount 5 is greater than maxCount 2; set minCount <= maxCount",
  ],
  ["prod without zone redundancy", prod((e) => ({ ...e, zones: ["1"] })), "environments/prod: prod environment has 1 availability zone(s); prod must be zone redundant"],
  [
    "promotion from an unknown environment",
    withEnvironment("staging", (e) => ({ ...e, promotesFrom: "qa" })),
    'environments/staging: promotesFrom "qa" is not a known environment; use one of dev, staging, prod',
  ],
  [
    "promotion chain with a cycle",
    dev((e) => ({ ...e, promotesFrom: "prod" })),
    "promotion chain has a cycle (dev <- prod <- staging <- dev)",
  ],
  ["promotion from itself", dev((e) => ({ ...e, promotesFrom: "dev" })), 'environments/dev: promotesFrom "dev" is the environment itself'],
  [
    "api server open to the internet",
    dev((e) => ({ ...e, cluster: { ...e.cluster, apiServerAuthorizedIpRanges: undefined } })),
    "environments/dev: the api server is open to the internet; set cluster.apiServerAuthorizedIpRanges or cluster.privateCluster: true",
  ],
  [
    "authorized range that allows everything",
    dev((e) => ({ ...e, cluster: { ...e.cluster, apiServerAuthorizedIpRanges: ["0.0.0.0/0"] } })),
    'cluster.apiServerAuthorizedIpRanges contains "0.0.0.0/0", which is wider than /8 (every address)',
  ],
  ["bad kubernetes version", dev((e) => ({ ...e, cluster: { ...e.cluster, kubernetesVersion: "latest" } })), 'cluster.kubernetesVersion "latest" is not valid'],
  ["no cluster admin group", dev((e) => ({ ...e, cluster: { ...e.cluster, adminGroupObjectIds: [] } })), "cluster.adminGroupObjectIds is empty"],
  [
    "duplicate node pool names",
    dev((e) => ({ ...e, cluster: { ...e.cluster, userPools: [{ name: "system", vmSize: "Standard_D4s_v5", minCount: 1, maxCount: 2 }] } })),
    'node pool name "system" is used more than once',
  ],
  [
    "maintenance window shorter than aks allows",
    dev((e) => ({ ...e, cluster: { ...e.cluster, maintenanceWindow: { dayOfWeek: "Sunday", startHour: 2, durationHours: 2 } } })),
    "cluster.maintenanceWindow.durationHours 2 is out of range; aks needs 4-24 hours",
  ],
  [
    "credentials embedded in the gitops url",
    dev((e) => ({ ...e, gitops: { url: "https://bot:ghp_secret@github.com/contoso/gitops.git" } })),
    'gitops url "https://***@github.com/contoso/gitops.git" embeds credentials',
  ],
  ["ssh url without a key", dev((e) => ({ ...e, gitops: { url: "git@github.com:contoso/gitops.git" } })), "is an ssh url, which needs a key; set gitops.auth to ssh"],
  ["invalid branch", dev((e) => ({ ...e, gitops: { ...e.gitops, branch: "release..1" } })), 'gitops branch "release..1" is not a valid git branch name'],
  ["owner not an e-mail", dev((e) => ({ ...e, owners: ["platform team"] })), 'environments/dev: owner "platform team" is not an e-mail address'],
  ["tag the library sets", dev((e) => ({ ...e, tags: { environment: "x" } })), 'environments/dev: tag "environment" is set by the library (azure tag names ignore case); remove it from tags'],
  ["retention out of range", dev((e) => ({ ...e, logRetentionDays: 7 })), "environments/dev: logRetentionDays 7 is out of range; use a whole number of days from 30 to 730"],
  ["prod without alert receivers", prod((e) => ({ ...e, monitoring: {} })), "environments/prod: prod environment has no alert receivers"],
  [
    "subscription id that is not a guid",
    dev((e) => ({ ...e, subscriptionId: "my-subscription" })),
    'environments/dev: subscriptionId "my-subscription" is not a subscription id',
  ],
  [
    "state storage account name with upper case",
    platformSpec({ remoteState: { resourceGroupName: "rg-state", storageAccountName: "StContoso", location: "westeurope" } }),
    'platform: remoteState: storage account name "StContoso" is not valid; azure allows lower-case letters and digits only',
  ],
];

describe("validatePlatform", () => {
  test("the reference-like fixture is valid", () => {
    expect(validatePlatform(platformSpec())).toEqual([]);
  });

  test.each(BAD_SPECS)("rejects %s", (_what, spec, message) => {
    expect(validatePlatform(spec).join("\n")).toContain(message);
    expect(() => resolvePlatform(spec)).toThrow(PlatformValidationError);
    expect(() => resolvePlatform(spec)).toThrow(message);
  });

  test("reports every problem at once, one a line", () => {
    const spec = dev((e) => ({ ...e, location: "West Europe", logRetentionDays: 1, owners: [] }));
    const error = (() => {
      try {
        resolvePlatform(spec);
      } catch (e) {
        return e as PlatformValidationError;
      }
      throw new Error("expected a validation error");
    })();
    expect(error.problems).toHaveLength(3);
    expect(error.message).toMatch(/^invalid platform spec \(3 problems\):\n  - /);
  });

  test("a staging environment may not promote from prod", () => {
    const spec = withEnvironment("staging", (e) => ({ ...e, promotesFrom: "prod" }));
    const prodFromDev = { ...spec, environments: spec.environments.map((e) => (e.name === "prod" ? { ...e, promotesFrom: "dev" } : e)) };
    expect(validatePlatform(prodFromDev)).toEqual([
      'environments/staging: promotesFrom "prod" is a prod environment, above this staging one; promote from a lower tier',
    ]);
  });

  test("nothing is written when validation fails", () => {
    withTestApp((app) => {
      expect(() => buildPlatform(app, dev((e) => ({ ...e, addressSpace: "nonsense" })))).toThrow(PlatformValidationError);
      expect(app.node.children).toHaveLength(0);
      const written = fs.readdirSync(app.outdir, { recursive: true }).map(String);
      expect(written.filter((file) => file !== "stacks")).toEqual([]);
    });
  });
});
