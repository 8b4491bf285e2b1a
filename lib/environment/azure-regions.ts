/**
 * The programmatic names of the Azure regions, which `location` must be one of.
 *
 * Source: `az account list-locations --query "[?metadata.regionType=='Physical'].name"` in the public cloud
 * (AzureCloud, December 2025), the EUAP canary regions, and the regions of Azure Government
 * (`usgov*`, `usdod*`) and Azure China (`china*`). A region Azure opens later is missing until it is added
 * here: add it in one line (and say where its name comes from) rather than working around the check.
 */
export const AZURE_REGIONS: readonly string[] = [
  "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast",
  "belgiumcentral", "brazilsouth", "brazilsoutheast",
  "canadacentral", "canadaeast", "centralindia", "centralus", "centraluseuap", "chilecentral",
  "denmarkeast",
  "eastasia", "eastus", "eastus2", "eastus2euap",
  "francecentral", "francesouth",
  "germanynorth", "germanywestcentral",
  "indonesiacentral", "israelcentral", "italynorth",
  "japaneast", "japanwest", "jioindiacentral", "jioindiawest",
  "koreacentral", "koreasouth",
  "malaysiawest", "mexicocentral",
  "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest",
  "polandcentral",
  "qatarcentral",
  "southafricanorth", "southafricawest", "southcentralus", "southeastasia", "southindia", "spaincentral",
  "swedencentral", "swedensouth", "switzerlandnorth", "switzerlandwest",
  "taiwannorth", "taiwannorthwest",
  "uaecentral", "uaenorth", "uksouth", "ukwest",
  "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3",
  // Azure Government
  "usdodcentral", "usdodeast", "usgovarizona", "usgovtexas", "usgovvirginia",
  // Azure China (21Vianet)
  "chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3",
];

const REGIONS = new Set(AZURE_REGIONS);

/** True when `location` is the programmatic name of an Azure region. */
export function isAzureRegion(location: unknown): boolean {
  return typeof location === "string" && REGIONS.has(location);
}
