/**
 * Built-in Azure role definition ids the pipeline identities are given or may hand out, and the Azure ABAC
 * conditions that narrow them (role assignment delegation, blob paths of the state container). Ids, not names,
 * because conditions compare ids, and ids never change when Microsoft renames a role.
 */
export const AZURE_ROLES = {
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  roleBasedAccessControlAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  aksClusterUser: "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
  aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
  grafanaEditor: "a79a5197-3a5c-4973-a920-486035ffd60f",
  grafanaAdmin: "22926164-76b3-42b3-bc55-97df8dab3e41",
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  monitoringReader: "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
  monitoringDataReader: "b0d8363b-8ddd-447d-831f-62ca05bff136",
} as const;

/**
 * The roles the environment stacks assign (AcrPull for the cluster, Key Vault Secrets User for app identities,
 * Monitoring Reader / Monitoring Data Reader / Grafana Admin for Managed Grafana): the only roles the apply
 * identity may hand out. Keep this list in step with the `RoleAssignment`s of the stacks.
 */
export const ASSIGNABLE_ROLES: readonly string[] = [
  AZURE_ROLES.acrPull,
  AZURE_ROLES.keyVaultSecretsUser,
  AZURE_ROLES.monitoringReader,
  AZURE_ROLES.monitoringDataReader,
  AZURE_ROLES.grafanaAdmin,
];

/** The resource id of a built-in role definition in a subscription. */
export function roleDefinitionId(subscriptionScope: string, roleId: string): string {
  return `${subscriptionScope}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

/**
 * An ABAC condition (version 2.0) for `Role Based Access Control Administrator`: role assignments may be written
 * and deleted only for the given roles, and written only for service principals and groups (never users).
 */
export function delegationCondition(roleIds: readonly string[]): string {
  const ids = [...roleIds].sort().join(", ");
  return [
    "(",
    " (",
    "  !(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})",
    " )",
    " OR",
    " (",
    `  @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}}`,
    "  AND",
    "  @Request[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'ServicePrincipal', 'Group'}",
    " )",
    ")",
    "AND",
    "(",
    " (",
    "  !(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})",
    " )",
    " OR",
    " (",
    `  @Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${ids}}`,
    " )",
    ")",
  ].join("\n");
}

const BLOB = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
const BLOB_PATH = `@Resource[${BLOB}:path]`;

/**
 * An ABAC condition (version 2.0) for `Storage Blob Data Contributor` on the state container: blobs are read only
 * below `writablePrefix` or at one of `readableBlobs` (the state files of other environments' stacks this
 * environment's stacks read through remote state), and written, leased, moved or deleted only below
 * `writablePrefix`. So one environment's pipeline can neither read nor lock nor overwrite another's state.
 */
export function statePathCondition(writablePrefix: string, readableBlobs: readonly string[]): string {
  const quote = (text: string): string => `'${text.replace(/'/g, "")}'`;
  const reads = [`  ${BLOB_PATH} StringStartsWith ${quote(writablePrefix)}`, ...[...readableBlobs].sort().map((blob) => `  OR ${BLOB_PATH} StringEquals ${quote(blob)}`)];
  return [
    "(",
    " (",
    `  !(ActionMatches{'${BLOB}/read'})`,
    " )",
    " OR",
    " (",
    ...reads,
    " )",
    ")",
    "AND",
    "(",
    " (",
    `  !(ActionMatches{'${BLOB}/write'})`,
    `  AND !(ActionMatches{'${BLOB}/add/action'})`,
    `  AND !(ActionMatches{'${BLOB}/delete'})`,
    `  AND !(ActionMatches{'${BLOB}/move/action'})`,
    " )",
    " OR",
    " (",
    `  ${BLOB_PATH} StringStartsWith ${quote(writablePrefix)}`,
    " )",
    ")",
  ].join("\n");
}
