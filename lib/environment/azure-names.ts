/** The naming rule of one Azure resource type (length and characters). */
export interface AzureNameRule {
  /** What the resource is called in messages. */
  readonly label: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** The characters and shape allowed. */
  readonly pattern: RegExp;
  /** The same rule in words, used in error messages. */
  readonly allowed: string;
  /** Resource abbreviation used to build names (Azure Cloud Adoption Framework). */
  readonly abbreviation: string;
  /** Hyphens are not allowed: parts are joined without separators. */
  readonly alphanumericOnly?: boolean;
}

const ALNUM_HYPHEN = "letters, digits and hyphens, starting and ending with a letter or digit";

/** Azure naming rules, from the Azure resource naming documentation. */
export const AZURE_NAME_RULES = {
  resourceGroup: { label: "resource group", minLength: 1, maxLength: 90, pattern: /^[-\w.()]*[-\w()]$/, allowed: "letters, digits, underscores, hyphens, periods and parentheses, not ending with a period", abbreviation: "rg" },
  virtualNetwork: { label: "virtual network", minLength: 2, maxLength: 64, pattern: /^[a-zA-Z0-9][-\w.]*\w$/, allowed: "letters, digits, underscores, hyphens and periods, starting with a letter or digit", abbreviation: "vnet" },
  subnet: { label: "subnet", minLength: 1, maxLength: 80, pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/, allowed: "letters, digits, underscores, hyphens and periods, starting with a letter or digit", abbreviation: "snet" },
  networkSecurityGroup: { label: "network security group", minLength: 1, maxLength: 80, pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/, allowed: "letters, digits, underscores, hyphens and periods, starting with a letter or digit", abbreviation: "nsg" },
  privateEndpoint: { label: "private endpoint", minLength: 2, maxLength: 64, pattern: /^[a-zA-Z0-9]([-\w.]*\w)?$/, allowed: "letters, digits, underscores, hyphens and periods, starting with a letter or digit", abbreviation: "pe" },
  kubernetesCluster: { label: "aks cluster", minLength: 1, maxLength: 63, pattern: /^[a-zA-Z0-9]([-\w]*[a-zA-Z0-9])?$/, allowed: "letters, digits, underscores and hyphens, starting and ending with a letter or digit", abbreviation: "aks" },
  kubernetesDnsPrefix: { label: "aks dns prefix", minLength: 1, maxLength: 54, pattern: /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/, allowed: ALNUM_HYPHEN, abbreviation: "aks" },
  nodeResourceGroup: { label: "aks node resource group", minLength: 1, maxLength: 80, pattern: /^[-\w.()]*[-\w()]$/, allowed: "letters, digits, underscores, hyphens, periods and parentheses, not ending with a period", abbreviation: "rg-aks-nodes" },
  containerRegistry: { label: "container registry", minLength: 5, maxLength: 50, pattern: /^[a-zA-Z0-9]+$/, allowed: "letters and digits only", abbreviation: "acr", alphanumericOnly: true },
  keyVault: { label: "key vault", minLength: 3, maxLength: 24, pattern: /^[a-zA-Z](?!.*--)[-a-zA-Z0-9]*[a-zA-Z0-9]$/, allowed: "letters, digits and single hyphens, starting with a letter and ending with a letter or digit", abbreviation: "kv" },
  logAnalyticsWorkspace: { label: "log analytics workspace", minLength: 4, maxLength: 63, pattern: /^[a-zA-Z0-9][-a-zA-Z0-9]*[a-zA-Z0-9]$/, allowed: ALNUM_HYPHEN, abbreviation: "log" },
  storageAccount: { label: "storage account", minLength: 3, maxLength: 24, pattern: /^[a-z0-9]+$/, allowed: "lower-case letters and digits only", abbreviation: "st", alphanumericOnly: true },
  userAssignedIdentity: { label: "managed identity", minLength: 3, maxLength: 128, pattern: /^[a-zA-Z0-9][-\w]*$/, allowed: "letters, digits, hyphens and underscores, starting with a letter or digit", abbreviation: "id" },
  federatedIdentityCredential: { label: "federated identity credential", minLength: 3, maxLength: 120, pattern: /^[a-zA-Z0-9][-\w]*$/, allowed: "letters, digits, hyphens and underscores, starting with a letter or digit", abbreviation: "fic" },
  monitorWorkspace: { label: "azure monitor workspace", minLength: 4, maxLength: 44, pattern: /^[a-zA-Z0-9][-a-zA-Z0-9]*[a-zA-Z0-9]$/, allowed: ALNUM_HYPHEN, abbreviation: "amw" },
  managedGrafana: { label: "managed grafana", minLength: 2, maxLength: 23, pattern: /^[a-zA-Z][-a-zA-Z0-9]*[a-zA-Z0-9]$/, allowed: "letters, digits and hyphens, starting with a letter and ending with a letter or digit", abbreviation: "amg" },
  dataCollectionEndpoint: { label: "data collection endpoint", minLength: 3, maxLength: 44, pattern: /^[a-zA-Z0-9][-a-zA-Z0-9]*[a-zA-Z0-9]$/, allowed: ALNUM_HYPHEN, abbreviation: "dce" },
  dataCollectionRule: { label: "data collection rule", minLength: 1, maxLength: 64, pattern: /^[a-zA-Z0-9]([-\w.]*[a-zA-Z0-9_])?$/, allowed: "letters, digits, underscores, hyphens and periods, starting with a letter or digit", abbreviation: "dcr" },
  actionGroup: { label: "action group", minLength: 1, maxLength: 260, pattern: /^[^%&\\?/#<>]+$/, allowed: "any characters except % & \\ ? / # < >", abbreviation: "ag" },
  actionGroupShortName: { label: "action group short name", minLength: 1, maxLength: 12, pattern: /^[a-zA-Z0-9-]+$/, allowed: "letters, digits and hyphens", abbreviation: "ag" },
  prometheusRuleGroup: { label: "prometheus rule group", minLength: 1, maxLength: 260, pattern: /^[^%&\\?/#<>*:@{}+]+$/, allowed: "any characters except % & \\ ? / # < > * : @ { } +", abbreviation: "prg" },
  fluxConfiguration: { label: "flux configuration", minLength: 1, maxLength: 30, pattern: /^[a-z\d]([-a-z\d]{0,28}[a-z\d])?$/, allowed: "lower-case letters, digits and hyphens, starting and ending with a letter or digit", abbreviation: "flux" },
} satisfies Record<string, AzureNameRule>;

/** A resource type that has a naming rule. */
export type AzureResourceKind = keyof typeof AZURE_NAME_RULES;

/** Why `name` breaks the rule of `kind`, in words, or undefined when it is valid. */
export function azureNameProblem(kind: AzureResourceKind, name: string): string | undefined {
  const rule: AzureNameRule = AZURE_NAME_RULES[kind];
  if (name.length < rule.minLength || name.length > rule.maxLength) {
    return `${rule.label} name "${name}" is ${name.length} characters long; azure allows ${rule.minLength}-${rule.maxLength}`;
  }
  if (!rule.pattern.test(name)) {
    return `${rule.label} name "${name}" is not valid; azure allows ${rule.allowed}`;
  }
  return undefined;
}

/**
 * Builds the Azure resource names of one environment from the project and environment names,
 * `<abbreviation>-<project>-<environment>[-<suffix>]` (letters and digits only where Azure wants that),
 * and checks each against its resource type's rule.
 */
export class AzureNames {
  constructor(
    /** The project name. */
    public readonly project: string,
    /** The environment name. */
    public readonly environment: string,
  ) {}

  /**
   * The name of a resource of `kind`, with optional extra parts (e.g. an app name).
   * Throws when the name breaks the Azure rule of that resource type.
   */
  public of(kind: AzureResourceKind, ...suffix: string[]): string {
    const name = this.build(kind, suffix);
    const problem = azureNameProblem(kind, name);
    if (problem) {
      throw new Error(`${this.environment}: ${problem}; shorten the project, environment or resource name`);
    }
    return name;
  }

  /**
   * Every name the platform derives for this environment that breaks its rule, as messages.
   * Used by environment validation, so that a bad name fails before anything is synthesized.
   */
  public problems(): string[] {
    return ENVIRONMENT_LEVEL_KINDS.flatMap((kind) => {
      const problem = azureNameProblem(kind, this.build(kind, []));
      return problem ? [problem] : [];
    });
  }

  private build(kind: AzureResourceKind, suffix: string[]): string {
    const rule: AzureNameRule = AZURE_NAME_RULES[kind];
    const parts = [rule.abbreviation, this.project, this.environment, ...suffix];
    return rule.alphanumericOnly ? parts.join("").replace(/[^a-zA-Z0-9]/g, "").toLowerCase() : parts.join("-");
  }
}

/** The resource types that every environment gets one of. */
const ENVIRONMENT_LEVEL_KINDS: readonly AzureResourceKind[] = [
  "resourceGroup",
  "virtualNetwork",
  "subnet",
  "kubernetesCluster",
  "kubernetesDnsPrefix",
  "nodeResourceGroup",
  "containerRegistry",
  "keyVault",
  "logAnalyticsWorkspace",
  "userAssignedIdentity",
  "monitorWorkspace",
  "managedGrafana",
  "dataCollectionEndpoint",
  "dataCollectionRule",
  "actionGroup",
];
