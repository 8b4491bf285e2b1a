import { AzureNames, azureNameProblem } from "../../lib/environment/azure-names";

describe("AzureNames", () => {
  const names = new AzureNames("contoso", "prod");

  test.each([
    ["resourceGroup", "rg-contoso-prod"],
    ["virtualNetwork", "vnet-contoso-prod"],
    ["kubernetesCluster", "aks-contoso-prod"],
    ["containerRegistry", "acrcontosoprod"],
    ["keyVault", "kv-contoso-prod"],
    ["logAnalyticsWorkspace", "log-contoso-prod"],
    ["managedGrafana", "amg-contoso-prod"],
  ] as const)("names the %s %s", (kind, expected) => {
    expect(names.of(kind)).toBe(expected);
  });

  test("appends suffix parts, joined without separators where azure allows only letters and digits", () => {
    expect(names.of("subnet", "nodes")).toBe("snet-contoso-prod-nodes");
    expect(names.of("userAssignedIdentity", "web")).toBe("id-contoso-prod-web");
    expect(names.of("storageAccount", "tfstate")).toBe("stcontosoprodtfstate");
  });

  test("throws, naming the rule, when a name is too long", () => {
    expect(() => new AzureNames("contososhop", "integration").of("keyVault")).toThrow(
      'integration: key vault name "kv-contososhop-integration" is 26 characters long; azure allows 3-24; shorten the project, environment or resource name',
    );
  });

  test("problems() lists every environment-level name that breaks its rule", () => {
    expect(names.problems()).toEqual([]);
    expect(new AzureNames("contososhop", "integration").problems()).toEqual([
      'key vault name "kv-contososhop-integration" is 26 characters long; azure allows 3-24',
      'managed grafana name "amg-contososhop-integration" is 27 characters long; azure allows 2-23',
    ]);
  });
});

describe("azureNameProblem", () => {
  test.each([
    ["keyVault", "kv--double", 'key vault name "kv--double" is not valid'],
    ["keyVault", "1kv-starts-with-digit", 'key vault name "1kv-starts-with-digit" is not valid'],
    ["storageAccount", "st-with-hyphen", 'storage account name "st-with-hyphen" is not valid'],
    ["containerRegistry", "acr", 'container registry name "acr" is 3 characters long; azure allows 5-50'],
    ["fluxConfiguration", "Flux-Config", 'flux configuration name "Flux-Config" is not valid'],
    ["resourceGroup", "rg-ends-with-period.", 'resource group name "rg-ends-with-period." is not valid'],
    ["prometheusRuleGroup", "prg-app-{web}", 'prometheus rule group name "prg-app-{web}" is not valid'],
  ] as const)("%s %s is rejected", (kind, name, message) => {
    expect(azureNameProblem(kind, name)).toContain(message);
  });

  test.each([
    ["keyVault", "kv-contoso-prod"],
    ["storageAccount", "stcontosotfstate"],
    ["fluxConfiguration", "gitops"],
    ["resourceGroup", "rg-contoso(prod)"],
  ] as const)("%s %s is accepted", (kind, name) => {
    expect(azureNameProblem(kind, name)).toBeUndefined();
  });
});
