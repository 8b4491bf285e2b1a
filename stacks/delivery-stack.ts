import { DataAzurermStorageAccount } from "@cdktf/provider-azurerm/lib/data-azurerm-storage-account";
import { DataAzurermSubscription } from "@cdktf/provider-azurerm/lib/data-azurerm-subscription";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { AzurermBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnvironmentPipelineIdentities } from "../lib/delivery/environment-pipeline-identities";
import { PipelineFiles } from "../lib/delivery/pipeline-files";
import { Platform } from "../lib/environment/resolve-platform";

/** The client and principal id of a pipeline identity (Terraform references). */
export interface PipelineIdentityRef {
  readonly clientId: string;
  readonly principalId: string;
}

/** What one environment's stacks need of the pipeline identities (found from the stack graph by `buildPlatform`). */
export interface DeliveryEnvironmentNeeds {
  /** Some stack reads Key Vault secrets at plan time. */
  readonly readsSecrets: boolean;
  /** Some stack talks to the AKS API server. */
  readonly talksToCluster: boolean;
  /** State blobs of other environments' stacks that this environment's stacks read. */
  readonly readableStateBlobs: readonly string[];
  /**
   * The environment whose registry this one pulls promoted images from (its platform stack assigns AcrPull there).
   * @default - none
   */
  readonly imageSourceEnvironment?: string;
}

/** Props of a `DeliveryStack`. */
export interface DeliveryStackProps {
  /** The validated platform; it must have `delivery` and `remoteState`. */
  readonly platform: Platform;
  /** Environment name → what its stacks need. */
  readonly needs: Readonly<Record<string, DeliveryEnvironmentNeeds>>;
}

/** The state file of the delivery stack in the state container: outside every `<env>/` folder the pipelines may touch. */
export const DELIVERY_STATE_KEY = "delivery.tfstate";

/**
 * `delivery`: the bootstrap stack of the pipeline identities, applied once by a person (with Owner, or User Access
 * Administrator plus Contributor, on the environments' subscriptions), after `state` and before any pipeline run.
 * No pipeline ever applies it: it grants the pipeline its rights. Per environment, a plan and an apply identity
 * with federated credentials for the generated pipelines (see `EnvironmentPipelineIdentities`).
 */
export class DeliveryStack extends TerraformStack {
  /** Environment name → its pipeline identities. */
  public readonly environments: Readonly<Record<string, EnvironmentPipelineIdentities>>;
  /** Environment name → the plan and apply identities' ids (governance puts the client ids into the CI environments). */
  public readonly identities: Readonly<Record<string, { readonly plan: PipelineIdentityRef; readonly apply: PipelineIdentityRef }>>;
  /** Writes the generated pipelines to `cdktf.out/pipelines/` at synth. */
  public readonly pipelines: PipelineFiles;

  constructor(scope: Construct, props: DeliveryStackProps) {
    super(scope, "delivery");
    const { platform } = props;
    const delivery = platform.delivery;
    const state = platform.remoteState;
    if (!delivery || !state) throw new Error("delivery: the platform has no delivery settings or no remote state; set platform delivery and remoteState");
    new AzurermBackend(this, {
      resourceGroupName: state.resourceGroupName,
      storageAccountName: state.storageAccountName,
      containerName: state.containerName,
      key: DELIVERY_STATE_KEY,
      subscriptionId: state.subscriptionId,
      useAzureadAuth: true,
      useOidc: true,
    });
    const stateProvider = new AzurermProvider(this, "azurerm", { features: [{}], subscriptionId: state.subscriptionId, storageUseAzuread: true, useOidc: true });
    const providers: Record<string, AzurermProvider> = {};
    for (const env of platform.environments) {
      providers[env.name] = new AzurermProvider(this, `azurerm-${env.name}`, {
        alias: env.name,
        features: [{}],
        subscriptionId: delivery.environments[env.name].subscriptionId,
        tenantId: delivery.environments[env.name].tenantId,
        storageUseAzuread: true,
        useOidc: true,
      });
    }
    const account = new DataAzurermStorageAccount(this, "StateAccount", { name: state.storageAccountName, resourceGroupName: state.resourceGroupName });
    const subscriptionScope = state.subscriptionId !== undefined ? `/subscriptions/${state.subscriptionId}` : new DataAzurermSubscription(this, "StateSubscription", {}).id;
    const stateContainer = { id: `${account.id}/blobServices/default/containers/${state.containerName}`, subscriptionScope, provider: stateProvider };

    const environments: Record<string, EnvironmentPipelineIdentities> = {};
    const identities: Record<string, { plan: PipelineIdentityRef; apply: PipelineIdentityRef }> = {};
    for (const env of platform.environments) {
      const needs = props.needs[env.name] ?? { readsSecrets: false, talksToCluster: false, readableStateBlobs: [] };
      const source = needs.imageSourceEnvironment;
      const identitiesOfEnv = new EnvironmentPipelineIdentities(this, `Environment-${env.name}`, {
        environment: env,
        delivery,
        provider: providers[env.name],
        stateContainer,
        access: {
          readsSecrets: needs.readsSecrets,
          talksToCluster: needs.talksToCluster,
          readableStateBlobs: needs.readableStateBlobs,
          imageSource: source === undefined ? undefined : { subscriptionId: delivery.environments[source].subscriptionId, provider: providers[source] },
        },
      });
      environments[env.name] = identitiesOfEnv;
      identities[env.name] = {
        plan: { clientId: identitiesOfEnv.plan.clientId, principalId: identitiesOfEnv.plan.principalId },
        apply: { clientId: identitiesOfEnv.apply.clientId, principalId: identitiesOfEnv.apply.principalId },
      };
      new TerraformOutput(this, `${env.name}_plan_client_id`, { value: identitiesOfEnv.plan.clientId, description: `client id of the ${env.name} plan identity (ARM_CLIENT_ID of ${env.name}-plan)` });
      new TerraformOutput(this, `${env.name}_apply_client_id`, { value: identitiesOfEnv.apply.clientId, description: `client id of the ${env.name} apply identity (ARM_CLIENT_ID of ${env.name})` });
    }
    this.environments = environments;
    this.identities = identities;
    this.pipelines = new PipelineFiles(this, "Pipelines", { platform });
  }
}

/** The stacks of an environment, as far as `deliveryNeeds` reads them. */
export interface DeliveryNeedsInput {
  readonly platform: TerraformStack;
  readonly gitops: TerraformStack;
  readonly argoCdApps?: TerraformStack;
  readonly apps: Readonly<Record<string, TerraformStack & { readonly kubernetesManifests: Readonly<Record<string, unknown>> }>>;
  readonly monitoring: TerraformStack;
}

/**
 * What each environment's stacks need of their pipeline identities, read from the built stacks: Key Vault reads
 * (a GitOps source with credentials), cluster access (Argo CD, terraform-delivered apps), the state files of other
 * environments' stacks they depend on, and the environment whose registry they pull promoted images from.
 */
export function deliveryNeeds(platform: Platform, environments: Readonly<Record<string, DeliveryNeedsInput>>): Record<string, DeliveryEnvironmentNeeds> {
  const byName = new Map(platform.environments.map((environment) => [environment.name, environment]));
  const needs: Record<string, DeliveryEnvironmentNeeds> = {};
  for (const env of platform.environments) {
    const stacks = environments[env.name];
    const all: TerraformStack[] = [stacks.platform, stacks.monitoring, stacks.gitops, ...(stacks.argoCdApps ? [stacks.argoCdApps] : []), ...Object.values(stacks.apps)];
    const blobs = new Set<string>();
    for (const stack of all) {
      for (const dependency of stack.dependencies) {
        const id = dependency.node.id;
        const other = platform.environments.find((candidate) => candidate.name !== env.name && id.startsWith(`${candidate.name}-`));
        if (other) blobs.add(`${other.name}/${id.slice(other.name.length + 1)}.tfstate`);
      }
    }
    let first = env;
    while (first.promotesFrom !== undefined) first = byName.get(first.promotesFrom)!;
    needs[env.name] = {
      readsSecrets: env.gitops.auth.kind !== "public",
      talksToCluster: stacks.argoCdApps !== undefined || Object.values(stacks.apps).some((app) => Object.keys(app.kubernetesManifests).length > 0),
      readableStateBlobs: [...blobs].sort(),
      imageSourceEnvironment: first === env ? undefined : first.name,
    };
  }
  return needs;
}
