import { resolveEnvironment } from "../../lib/environment/environment";
import { defaultMaintenanceWindow, tierDefaults } from "../../lib/environment/tier-defaults";
import { ADMIN_GROUP, environmentSpec } from "../support/fixtures";

describe("tierDefaults", () => {
  test("dev is small and single-zone, prod is zone redundant, HA and keeps data longest", () => {
    expect(tierDefaults("dev")).toMatchObject({
      zones: [],
      aksSkuTier: "Free",
      registrySku: "Standard",
      registryZoneRedundant: false,
      argoCdHighAvailability: false,
      logRetentionDays: 30,
      keyVaultSoftDeleteRetentionDays: 7,
      syncInterval: "1m",
    });
    expect(tierDefaults("staging")).toMatchObject({ zones: ["1", "2", "3"], aksSkuTier: "Standard", registrySku: "Premium", registryZoneRedundant: false, logRetentionDays: 60, syncInterval: "5m" });
    expect(tierDefaults("prod")).toMatchObject({
      zones: ["1", "2", "3"],
      aksSkuTier: "Standard",
      registrySku: "Premium",
      registryZoneRedundant: true,
      argoCdHighAvailability: true,
      logRetentionDays: 90,
      keyVaultSoftDeleteRetentionDays: 90,
    });
  });

  test("node pools grow with the tier", () => {
    expect(tierDefaults("dev").systemPool).toEqual({ name: "system", vmSize: "Standard_D2s_v5", minCount: 1, maxCount: 2 });
    expect(tierDefaults("prod").systemPool).toEqual({ name: "system", vmSize: "Standard_D4s_v5", minCount: 3, maxCount: 5 });
    expect(tierDefaults("prod").userPools).toEqual([{ name: "apps", vmSize: "Standard_D8s_v5", minCount: 3, maxCount: 10 }]);
  });

  test("the maintenance window is Sunday 02:00 UTC for 4 hours", () => {
    expect(defaultMaintenanceWindow()).toEqual({ dayOfWeek: "Sunday", startHour: 2, durationHours: 4, utcOffset: "+00:00" });
  });
});

describe("resolveEnvironment", () => {
  test("applies the tier defaults to a minimal spec", () => {
    const env = resolveEnvironment("contoso", environmentSpec({ name: "prod" }, "prod"));
    expect(env.zones).toEqual(["1", "2", "3"]);
    expect(env.zoneRedundant).toBe(true);
    expect(env.registrySku).toBe("Premium");
    expect(env.registryZoneRedundant).toBe(true);
    expect(env.argoCdHighAvailability).toBe(true);
    expect(env.logRetentionDays).toBe(90);
    expect(env.cluster.skuTier).toBe("Standard");
    expect(env.cluster.systemPool).toEqual({ name: "system", vmSize: "Standard_D4s_v5", minCount: 3, maxCount: 5, osDiskSizeGb: 128, maxPods: 110, labels: {} });
    expect(env.cluster.upgradeChannel).toBe("patch");
    expect(env.cluster.maintenanceWindow).toEqual(defaultMaintenanceWindow());
    expect(env.sync).toBe("flux");
    expect(env.gitops).toEqual({ url: "https://github.com/contoso/platform-gitops.git", branch: "main", auth: { kind: "public" }, syncInterval: "5m", appsPath: "environments/prod/apps" });
  });

  test("what the spec sets wins over the tier", () => {
    const env = resolveEnvironment(
      "contoso",
      environmentSpec({
        name: "dev",
        zones: ["1"],
        logRetentionDays: 45,
        sync: "argocd",
        gitops: { url: "git@github.com:contoso/gitops.git", branch: "release", syncInterval: "2m" },
        cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: [ADMIN_GROUP], privateCluster: true, userPools: [{ name: "batch", vmSize: "Standard_D8s_v5", minCount: 0, maxCount: 4, maxPods: 50 }] },
      }),
    );
    expect(env.zones).toEqual(["1"]);
    expect(env.zoneRedundant).toBe(false);
    expect(env.logRetentionDays).toBe(45);
    expect(env.sync).toBe("argocd");
    expect(env.gitops).toMatchObject({ branch: "release", syncInterval: "2m" });
    expect(env.cluster.privateCluster).toBe(true);
    expect(env.cluster.apiServerAuthorizedIpRanges).toEqual([]);
    expect(env.cluster.userPools).toEqual([{ name: "batch", vmSize: "Standard_D8s_v5", minCount: 0, maxCount: 4, maxPods: 50, osDiskSizeGb: 128, labels: {} }]);
  });

  test("derives the subnets, the service ranges, the names and the tags", () => {
    const env = resolveEnvironment("contoso", environmentSpec({ name: "staging", addressSpace: "10.20.0.0/16", tags: { costCenter: "42" } }, "staging"));
    expect(env.nodeSubnetCidr).toBe("10.20.0.0/17");
    expect(env.privateEndpointSubnetCidr).toBe("10.20.128.0/18");
    expect(env.cluster).toMatchObject({ podCidr: "192.168.0.0/16", serviceCidr: "172.16.0.0/16", dnsServiceIp: "172.16.0.10" });
    expect(env.names.of("keyVault")).toBe("kv-contoso-staging");
    expect(env.tags).toEqual({ costCenter: "42", project: "contoso", environment: "staging", tier: "staging", owners: "team@contoso.com", "managed-by": "cdktf-gitops" });
  });

  test("an address space that is not a cidr block is refused", () => {
    expect(() => resolveEnvironment("contoso", environmentSpec({ name: "dev", addressSpace: "nonsense" }))).toThrow('environments/dev: addressSpace "nonsense" is not a valid cidr block');
  });
});
