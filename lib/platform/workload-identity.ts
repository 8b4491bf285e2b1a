import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Construct } from "constructs";

/** The audience of Azure AD workload identity federation. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

/** What a federated workload identity is made of. */
export interface FederatedIdentityProps {
  /** Name of the user-assigned managed identity. */
  readonly name: string;
  /** Name of its federated identity credential. */
  readonly credentialName: string;
  /** Resource group of both. */
  readonly resourceGroupName: string;
  /** Azure region of the identity. */
  readonly location: string;
  /** Tags of the identity. */
  readonly tags: Readonly<Record<string, string>>;
  /** OIDC issuer whose tokens the credential trusts (e.g. an AKS cluster's). */
  readonly issuer: string;
  /** Subject of the trusted tokens, e.g. `system:serviceaccount:<namespace>:<name>`. */
  readonly subject: string;
}

/**
 * A user-assigned managed identity (id `Resource` in `scope`) and the federated credential (id
 * `FederatedCredential`) that lets a workload sign in as it with its own token: no secret.
 */
export function createFederatedIdentity(scope: Construct, props: FederatedIdentityProps): { identity: UserAssignedIdentity; credential: FederatedIdentityCredential } {
  const identity = new UserAssignedIdentity(scope, "Resource", {
    name: props.name,
    location: props.location,
    resourceGroupName: props.resourceGroupName,
    tags: { ...props.tags },
  });
  const credential = new FederatedIdentityCredential(scope, "FederatedCredential", {
    name: props.credentialName,
    resourceGroupName: props.resourceGroupName,
    parentId: identity.id,
    issuer: props.issuer,
    subject: props.subject,
    audience: [WORKLOAD_IDENTITY_AUDIENCE],
  });
  return { identity, credential };
}

/** `Key Vault Secrets User` for a managed identity on a vault, or on one secret of it (`<vault id>/secrets/<name>`). */
export function grantKeyVaultSecretsUser(scope: Construct, id: string, keyVaultScope: string, principalId: string): RoleAssignment {
  return new RoleAssignment(scope, id, {
    scope: keyVaultScope,
    roleDefinitionName: "Key Vault Secrets User",
    principalId,
    principalType: "ServicePrincipal",
    skipServicePrincipalAadCheck: true,
  });
}
