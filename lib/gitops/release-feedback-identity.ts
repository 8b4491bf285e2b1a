import { DataAzurermKeyVault } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault";
import type { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import type { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { isKeyVaultSecretName, KEY_VAULT_SECRET_NAME_RULE } from "../core/azure-formats";
import { throwIfProblems } from "../core/validation-error";
import type { IAksCluster } from "../platform/aks-cluster";
import type { IResourceGroup } from "../platform/environment-resource-group";
import type { IKeyVault } from "../platform/key-vault";
import { createFederatedIdentity, grantKeyVaultSecretsUser } from "../platform/workload-identity";
import { FEEDBACK_SECRET_SYNC_NAME } from "./feedback-secret-sync-objects";

/** Props of a `ReleaseFeedbackIdentity`. */
export interface ReleaseFeedbackIdentityProps {
  /** Name of the managed identity, e.g. `id-contoso-dev-release-feedback`. */
  readonly name: string;
  /** The resource group to create the identity in (a plain name avoids a cross-stack reference). */
  readonly resourceGroup: Pick<IResourceGroup, "name">;
  /** Azure region of the identity. */
  readonly location: string;
  /** The AKS cluster whose service account tokens are federated (its OIDC issuer). */
  readonly cluster: Pick<IAksCluster, "oidcIssuerUrl">;
  /** Namespace of the sync engine, where the secret-sync ServiceAccount lives. */
  readonly namespace: string;
  /**
   * The environment's Key Vault, by name and resource group: looked up here (a `data.azurerm_key_vault`), so no
   * vault attribute crosses a stack boundary. Its name should be known at synth time (a plain string).
   */
  readonly keyVault: Pick<IKeyVault, "name" | "resourceGroupName">;
  /** The Key Vault secrets the identity may read, and nothing else. */
  readonly secretNames: readonly string[];
  /** Tags of the identity. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The Azure identity that brings the release-feedback GitHub credentials into the cluster: a user-assigned managed
 * identity federated with the secret-sync ServiceAccount of the engine's namespace (workload identity, no
 * secret), with `Key Vault Secrets User` on each named secret only (role assignments scoped to
 * `<vault>/secrets/<name>`), not on the vault: an app's secrets stay out of its reach. The credentials never
 * pass through Terraform: the CSI driver reads them in the cluster.
 */
export class ReleaseFeedbackIdentity extends Construct {
  /** The managed identity. */
  public readonly resource: UserAssignedIdentity;
  /** The federated credential of the secret-sync ServiceAccount. */
  public readonly federatedCredential: FederatedIdentityCredential;
  /** The Key Vault lookup. */
  public readonly keyVault: DataAzurermKeyVault;

  constructor(scope: Construct, id: string, props: ReleaseFeedbackIdentityProps) {
    super(scope, id);
    const problems: string[] = [];
    if (props.secretNames.length === 0) problems.push(`${this.node.path}: secretNames is empty; name the key vault secrets that hold the github credentials`);
    for (const name of props.secretNames) {
      if (!Token.isUnresolved(name) && !isKeyVaultSecretName(name)) {
        problems.push(`${this.node.path}: secret name "${name}" is not a key vault secret name; ${KEY_VAULT_SECRET_NAME_RULE}`);
      }
    }
    if (new Set(props.secretNames).size !== props.secretNames.length) problems.push(`${this.node.path}: secretNames lists a secret twice; list each once`);
    throwIfProblems("release feedback identity", problems);
    const { identity, credential } = createFederatedIdentity(this, {
      name: props.name,
      credentialName: `${props.name}-${props.namespace}`,
      resourceGroupName: props.resourceGroup.name,
      location: props.location,
      tags: { ...props.tags, purpose: "release-feedback" },
      issuer: props.cluster.oidcIssuerUrl,
      subject: `system:serviceaccount:${props.namespace}:${FEEDBACK_SECRET_SYNC_NAME}`,
    });
    this.resource = identity;
    this.federatedCredential = credential;
    this.keyVault = new DataAzurermKeyVault(this, "KeyVault", { name: props.keyVault.name, resourceGroupName: props.keyVault.resourceGroupName });
    for (const name of [...props.secretNames].sort()) {
      grantKeyVaultSecretsUser(this, `SecretsUser-${name}`, `${this.keyVault.id}/secrets/${name}`, this.resource.principalId);
    }
  }

  /** Client id of the identity. */
  public get clientId(): string {
    return this.resource.clientId;
  }

  /** Tenant id of the identity. */
  public get tenantId(): string {
    return this.resource.tenantId;
  }
}
