import type { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import type { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import type { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { IAksCluster } from "../platform/aks-cluster";
import { IResourceGroup } from "../platform/environment-resource-group";
import { IKeyVault } from "../platform/key-vault";
import { createFederatedIdentity, grantKeyVaultSecretsUser } from "../platform/workload-identity";

/** Props of an `AppIdentity`. */
export interface AppIdentityProps {
  /** The environment: names, region and tags. */
  readonly environment: Pick<Environment, "location" | "names" | "tags">;
  /** The app's name (part of the identity's name). */
  readonly appName: string;
  /** The resource group to create the identity in (a plain name avoids a cross-stack reference). */
  readonly resourceGroup: Pick<IResourceGroup, "name">;
  /** The AKS cluster whose service account tokens are federated (its OIDC issuer). */
  readonly cluster: Pick<IAksCluster, "oidcIssuerUrl">;
  /** Namespace of the app's Kubernetes service account. */
  readonly namespace: string;
  /** Name of the app's Kubernetes service account. */
  readonly serviceAccountName: string;
  /**
   * The Key Vault whose secrets the app reads (role `Key Vault Secrets User`).
   * @default - no Key Vault access
   */
  readonly keyVault?: Pick<IKeyVault, "id">;
}

/**
 * The Azure identity of an app: a user-assigned managed identity, a federated identity credential that
 * lets the app's Kubernetes service account sign in as it (workload identity, no secret), and read access
 * to the environment's Key Vault secrets when the app has secrets.
 */
export class AppIdentity extends Construct {
  /** The managed identity. */
  public readonly resource: UserAssignedIdentity;
  /** The federated identity credential of the service account. */
  public readonly federatedCredential: FederatedIdentityCredential;
  /** `Key Vault Secrets User` on the vault, when a vault was given. */
  public readonly keyVaultSecretsUser?: RoleAssignment;

  constructor(scope: Construct, id: string, props: AppIdentityProps) {
    super(scope, id);
    const env = props.environment;
    const { identity, credential } = createFederatedIdentity(this, {
      name: env.names.of("userAssignedIdentity", props.appName),
      credentialName: env.names.of("federatedIdentityCredential", props.appName),
      resourceGroupName: props.resourceGroup.name,
      location: env.location,
      tags: { ...env.tags, app: props.appName },
      issuer: props.cluster.oidcIssuerUrl,
      subject: `system:serviceaccount:${props.namespace}:${props.serviceAccountName}`,
    });
    this.resource = identity;
    this.federatedCredential = credential;
    if (props.keyVault !== undefined) {
      this.keyVaultSecretsUser = grantKeyVaultSecretsUser(this, "KeyVaultSecretsUser", props.keyVault.id, this.resource.principalId);
    }
  }

  // Getters, not fields: every attribute reference is a token that captures a stack trace, so a reference is
  // only made when it is used (this matters with a thousand apps).

  /** Client id of the identity (the service account's `azure.workload.identity/client-id`). */
  public get clientId(): string {
    return this.resource.clientId;
  }

  /** Principal (object) id of the identity. */
  public get principalId(): string {
    return this.resource.principalId;
  }

  /** Azure AD tenant id of the identity. */
  public get tenantId(): string {
    return this.resource.tenantId;
  }
}
