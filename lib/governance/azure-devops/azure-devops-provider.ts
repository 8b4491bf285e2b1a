import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../../core/validation-error";
import { hclAttributes, jsonAttributes } from "./terraform-attributes";

/** The provider the bindings target: microsoft/azuredevops, whose documented schema (v1.16.0) they follow. */
export const AZURE_DEVOPS_PROVIDER = {
  source: "microsoft/azuredevops",
  providerName: "azuredevops",
  versionConstraint: "~> 1.16",
} as const;

/** Generator metadata every binding passes to cdktf (for `required_providers`). */
export const AZURE_DEVOPS_METADATA = { providerName: AZURE_DEVOPS_PROVIDER.providerName, providerVersionConstraint: AZURE_DEVOPS_PROVIDER.versionConstraint };

/** Props of an `AzureDevOpsProvider`. */
export interface AzureDevOpsProviderProps {
  /** The organization URL, `https://dev.azure.com/<organization>`. */
  readonly orgServiceUrl: string;
  /**
   * Alias, for a second organization in the same stack.
   * @default - none (the default azuredevops provider)
   */
  readonly alias?: string;
}

const ORG_URL = /^https:\/\/(dev\.azure\.com\/[A-Za-z0-9][A-Za-z0-9-]{0,49}|[A-Za-z0-9][A-Za-z0-9-]{0,49}\.visualstudio\.com)$/;

/**
 * The `azuredevops` provider block. Only the organization URL is written: credentials come from the person
 * applying (`AZDO_PERSONAL_ACCESS_TOKEN`, or Azure CLI / OIDC through the provider's `ARM_*` variables),
 * never from the synthesized JSON.
 */
export class AzureDevOpsProvider extends TerraformProvider {
  public readonly orgServiceUrl: string;

  constructor(scope: Construct, id: string, props: AzureDevOpsProviderProps) {
    super(scope, id, { terraformResourceType: "azuredevops", terraformGeneratorMetadata: AZURE_DEVOPS_METADATA, terraformProviderSource: AZURE_DEVOPS_PROVIDER.source });
    if (!ORG_URL.test(props.orgServiceUrl)) {
      throwIfProblems("azure devops provider", [`${this.node.path}: orgServiceUrl "${props.orgServiceUrl}" is not an azure devops organization url; use "https://dev.azure.com/<organization>" without a trailing slash`]);
    }
    this.orgServiceUrl = props.orgServiceUrl;
    this.alias = props.alias;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return jsonAttributes({ org_service_url: this.orgServiceUrl, alias: this.alias });
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return hclAttributes({ org_service_url: this.orgServiceUrl, alias: this.alias });
  }
}
