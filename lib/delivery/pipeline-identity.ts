import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { AZURE_AD_TOKEN_EXCHANGE_AUDIENCE, Federation } from "./federation";

/** One role the identity holds. */
export interface PipelineRoleGrant {
  /** Construct id of the assignment (API: renaming it replaces the assignment). */
  readonly id: string;
  /** Scope: a subscription, the state container, a resource. */
  readonly scope: string;
  /** Full role definition id (`/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`). */
  readonly roleDefinitionId: string;
  /** Why the pipeline needs it (the assignment's description in Azure). */
  readonly description: string;
  /**
   * An ABAC condition (version 2.0) that narrows the role.
   * @default - none
   */
  readonly condition?: string;
  /**
   * Provider of the assignment (the scope's subscription).
   * @default - the identity's provider
   */
  readonly provider?: TerraformProvider;
}

/** Props of a `PipelineIdentity`. */
export interface PipelineIdentityProps {
  /** Name of the user-assigned managed identity. */
  readonly name: string;
  /** Resource group of the identity. */
  readonly resourceGroupName: string;
  /** Azure region of the identity. */
  readonly location: string;
  /** The CI job subjects that may sign in as the identity (one federated credential each; no secret exists). */
  readonly federations: readonly Federation[];
  /** The roles it holds. */
  readonly grants: readonly PipelineRoleGrant[];
  /**
   * Provider of the identity and its credentials (the environment's subscription).
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
  /**
   * Azure tags.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A pipeline's Azure identity: a user-assigned managed identity that only the named CI jobs can sign in as
 * (federated identity credentials, OIDC; there is no client secret to leak or rotate), with exactly the roles
 * given. Role assignments skip the Azure AD replication check, since the principal was created in the same apply.
 */
export class PipelineIdentity extends Construct {
  /** The managed identity. */
  public readonly resource: UserAssignedIdentity;
  /** Federated credential by name. */
  public readonly federatedCredentials: Readonly<Record<string, FederatedIdentityCredential>>;
  /** Role assignments by construct id. */
  public readonly roleAssignments: Readonly<Record<string, RoleAssignment>>;

  constructor(scope: Construct, id: string, props: PipelineIdentityProps) {
    super(scope, id);
    this.resource = new UserAssignedIdentity(this, "Resource", {
      provider: props.provider,
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    const credentials: Record<string, FederatedIdentityCredential> = {};
    for (const federation of props.federations) {
      if (credentials[federation.name]) throw new Error(`${this.node.path}: two federated credentials are named "${federation.name}"; give each its own name`);
      credentials[federation.name] = new FederatedIdentityCredential(this, `Federation-${federation.name}`, {
        provider: props.provider,
        name: federation.name,
        resourceGroupName: props.resourceGroupName,
        parentId: this.resource.id,
        issuer: federation.issuer,
        subject: federation.subject,
        audience: [AZURE_AD_TOKEN_EXCHANGE_AUDIENCE],
      });
    }
    this.federatedCredentials = credentials;
    const assignments: Record<string, RoleAssignment> = {};
    for (const grant of props.grants) {
      assignments[grant.id] = new RoleAssignment(this, grant.id, {
        provider: grant.provider ?? props.provider,
        scope: grant.scope,
        roleDefinitionId: grant.roleDefinitionId,
        principalId: this.resource.principalId,
        principalType: "ServicePrincipal",
        skipServicePrincipalAadCheck: true,
        description: grant.description,
        condition: grant.condition,
        conditionVersion: grant.condition === undefined ? undefined : "2.0",
      });
    }
    this.roleAssignments = assignments;
  }

  /** Client id of the identity (`ARM_CLIENT_ID` of the pipeline job). */
  public get clientId(): string {
    return this.resource.clientId;
  }

  /** Principal (object) id of the identity. */
  public get principalId(): string {
    return this.resource.principalId;
  }
}
