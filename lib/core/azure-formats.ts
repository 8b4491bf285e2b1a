/** Formats of Azure identifiers that several parts check: GUIDs (subscription, tenant, object ids) and Key Vault names. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_VAULT_SECRET_NAME = /^[a-zA-Z0-9-]{1,127}$/;
const KEY_VAULT_SECRET_VERSION = /^[0-9a-f]{32}$/;

/** True for a GUID such as a subscription, tenant or Azure AD object id. */
export function isGuid(value: unknown): value is string {
  return typeof value === "string" && GUID.test(value);
}

/** True for a Key Vault secret name: 1-127 letters, digits and hyphens. */
export function isKeyVaultSecretName(value: unknown): value is string {
  return typeof value === "string" && KEY_VAULT_SECRET_NAME.test(value);
}

/** True for a Key Vault secret version: 32 lower-case hex digits. */
export function isKeyVaultSecretVersion(value: unknown): value is string {
  return typeof value === "string" && KEY_VAULT_SECRET_VERSION.test(value);
}

/** Fix text for a Key Vault secret name. */
export const KEY_VAULT_SECRET_NAME_RULE = "use 1-127 letters, digits and hyphens";
