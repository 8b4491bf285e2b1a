import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleDefinition } from "@cdktf/provider-azurerm/lib/role-definition";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { ResolvedDelivery } from "../environment/delivery-spec";
import { Environment } from "../environment/environment";
import { ASSIGNABLE_ROLES, AZURE_ROLES, delegationCondition, roleDefinitionId, statePathCondition } from "./azure-roles";
import { pipelineFederation } from "./federation";
import { PipelineIdentity, PipelineRoleGrant } from "./pipeline-identity";

/** What an environment's stacks need of Azure beyond their subscription, found from the stack graph. */
export interface EnvironmentPipelineAccess {
  /** Some stack reads Key Vault secrets at plan time (the GitOps source's credentials). */
  readonly readsSecrets: boolean;
  /** Some stack talks to the AKS API server (helm or kubernetes providers: Argo CD, terraform-delivered apps). */
  readonly talksToCluster: boolean;
  /** State blobs of other environments' stacks that this environment's stacks read (`dev/platform.tfstate`). */
  readonly readableStateBlobs: readonly string[];
  /**
   * The first environment of the promotion chain, when this one pulls its images from that environment's registry
   * (its platform stack assigns AcrPull there).
   * @default - none
   */
  readonly imageSource?: { readonly subscriptionId: string; readonly provider: TerraformProvider };
}

/** Props of an `EnvironmentPipelineIdentities`. */
export interface EnvironmentPipelineIdentitiesProps {
  /** The environment: names, region, tags. */
  readonly environment: Environment;
  /** The platform's delivery settings. */
  readonly delivery: ResolvedDelivery;
  /** azurerm provider of the environment's subscription. */
  readonly provider: TerraformProvider;
  /** Resource id of the Terraform state container, its subscription (`/subscriptions/<id>`) and that subscription's provider. */
  readonly stateContainer: { readonly id: string; readonly subscriptionScope: string; readonly provider: TerraformProvider };
  /** What the environment's stacks need. */
  readonly access: EnvironmentPipelineAccess;
}

/**
 * The pipeline identities of one environment, in a resource group `rg-<project>-<env>-cicd` of the environment's
 * subscription: `plan` (GitHub environment `<env>-plan` / service connection `<project>-<env>-plan`) reads
 * everything a plan reads and locks only this environment's state; `apply` (`<env>`, with approvals) changes the
 * environment's subscription, hands out only the roles the stacks assign, and writes only this environment's state.
 * See docs/delivery.md for why each role is there.
 */
export class EnvironmentPipelineIdentities extends Construct {
  /** Resource group of the identities. */
  public readonly resourceGroup: ResourceGroup;
  /** The plan identity. */
  public readonly plan: PipelineIdentity;
  /** The apply identity. */
  public readonly apply: PipelineIdentity;
  /** The custom role that reads the cluster's objects (secrets too: helm keeps releases in secrets), when needed. */
  public readonly clusterReader?: RoleDefinition;

  constructor(scope: Construct, id: string, props: EnvironmentPipelineIdentitiesProps) {
    super(scope, id);
    const env = props.environment;
    const subscription = `/subscriptions/${props.delivery.environments[env.name].subscriptionId}`;
    const provider = props.provider;
    const tags = { ...env.tags, purpose: "ci-identity" };
    this.resourceGroup = new ResourceGroup(this, "ResourceGroup", { provider, name: env.names.of("resourceGroup", "cicd"), location: env.location, tags, lifecycle: { preventDestroy: true } });
    if (props.access.talksToCluster) {
      this.clusterReader = new RoleDefinition(this, "ClusterReader", {
        provider,
        name: `cdktf-gitops cluster plan reader (${env.project}-${env.name})`,
        scope: subscription,
        description: "Reads every Kubernetes object of the environment's AKS clusters (secrets included: helm keeps releases in secrets), writes nothing.",
        permissions: [{ actions: [], dataActions: ["Microsoft.ContainerService/managedClusters/*/read"] }],
        assignableScopes: [subscription],
      });
    }
    const grants = new GrantsOf(env.name, subscription, props);
    const common = { resourceGroupName: this.resourceGroup.name, location: env.location, provider, tags };
    this.plan = new PipelineIdentity(this, "Plan", {
      ...common,
      name: env.names.of("userAssignedIdentity", "cicd", "plan"),
      federations: [pipelineFederation(props.delivery, env.project, env.name, "plan")],
      grants: grants.plan(this.clusterReader),
    });
    this.apply = new PipelineIdentity(this, "Apply", {
      ...common,
      name: env.names.of("userAssignedIdentity", "cicd", "apply"),
      federations: [pipelineFederation(props.delivery, env.project, env.name, "apply")],
      grants: grants.apply(),
    });
  }
}

/** The role grants of an environment's plan and apply identities. */
class GrantsOf {
  constructor(
    private readonly environment: string,
    private readonly subscription: string,
    private readonly props: EnvironmentPipelineIdentitiesProps,
  ) {}

  /** Read everything a plan reads; lock only this environment's state. */
  plan(clusterReader: RoleDefinition | undefined): PipelineRoleGrant[] {
    const { subscription, props } = this;
    const access = props.access;
    const grants: PipelineRoleGrant[] = [
      { id: "Reader", scope: subscription, roleDefinitionId: this.builtIn(AZURE_ROLES.reader), description: "plan: refresh resources and read data sources" },
      { id: "ClusterUser", scope: subscription, roleDefinitionId: this.builtIn(AZURE_ROLES.aksClusterUser), description: "plan: read the cluster's kubeconfig (azurerm_kubernetes_cluster data source)" },
      this.state(),
    ];
    if (access.readsSecrets) grants.push({ id: "KeyVaultSecrets", scope: subscription, roleDefinitionId: this.builtIn(AZURE_ROLES.keyVaultSecretsUser), description: "plan: read the gitops credentials from key vault" });
    if (clusterReader) {
      grants.push({ id: "ClusterObjectsReader", scope: subscription, roleDefinitionId: clusterReader.roleDefinitionResourceId, description: "plan: read kubernetes objects and helm releases" });
    }
    if (access.imageSource) {
      const source = `/subscriptions/${access.imageSource.subscriptionId}`;
      grants.push({ id: "ImageSourceReader", scope: source, provider: access.imageSource.provider, roleDefinitionId: roleDefinitionId(source, AZURE_ROLES.reader), description: `plan: read the acrpull assignment on the promotion chain's registry` });
    }
    return grants;
  }

  /** Change the environment's subscription, hand out only the roles the stacks assign, write only this environment's state. */
  apply(): PipelineRoleGrant[] {
    const { subscription, props } = this;
    const access = props.access;
    const grants: PipelineRoleGrant[] = [
      { id: "Contributor", scope: subscription, roleDefinitionId: this.builtIn(AZURE_ROLES.contributor), description: "apply: create and change the environment's resources" },
      {
        id: "RoleAssignments",
        scope: subscription,
        roleDefinitionId: this.builtIn(AZURE_ROLES.roleBasedAccessControlAdministrator),
        description: "apply: assign only the roles the stacks assign, to service principals and groups",
        condition: delegationCondition(ASSIGNABLE_ROLES),
      },
      { id: "GrafanaEditor", scope: subscription, roleDefinitionId: this.builtIn(AZURE_ROLES.grafanaEditor), description: "release annotations in managed grafana" },
      this.state(),
    ];
    if (access.readsSecrets) grants.push({ id: "KeyVaultSecrets", scope: subscription, roleDefinitionId: this.builtIn(AZURE_ROLES.keyVaultSecretsUser), description: "apply: read the gitops credentials from key vault" });
    if (access.talksToCluster) grants.push({ id: "ClusterAdmin", scope: subscription, roleDefinitionId: this.builtIn(AZURE_ROLES.aksRbacClusterAdmin), description: "apply: helm releases and kubernetes objects" });
    if (access.imageSource) {
      const source = `/subscriptions/${access.imageSource.subscriptionId}`;
      grants.push({
        id: "ImageSourceAcrPull",
        scope: source,
        provider: access.imageSource.provider,
        roleDefinitionId: roleDefinitionId(source, AZURE_ROLES.roleBasedAccessControlAdministrator),
        description: "apply: give this environment's cluster acrpull on the promotion chain's registry",
        condition: delegationCondition([AZURE_ROLES.acrPull]),
      });
    }
    return grants;
  }

  private builtIn(roleId: string): string {
    return roleDefinitionId(this.subscription, roleId);
  }

  /** The state blobs: read, lock and write below `<env>/` only, plus the other environments' blobs it reads. */
  private state(): PipelineRoleGrant {
    const { environment, props } = this;
    return {
      id: "StateBlobs",
      scope: props.stateContainer.id,
      provider: props.stateContainer.provider,
      roleDefinitionId: roleDefinitionId(props.stateContainer.subscriptionScope, AZURE_ROLES.storageBlobDataContributor),
      description: `terraform state of ${environment} (read, lock, write below ${environment}/ only)`,
      condition: statePathCondition(`${environment}/`, props.access.readableStateBlobs),
    };
  }
}
