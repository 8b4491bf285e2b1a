/**
 * The one destroy-protection option of every stateful construct (registry, Key Vault, log and metric
 * workspaces, Terraform state storage): Terraform refuses to destroy what holds data unless it is allowed.
 */
export interface DestroyProtectionProps {
  /**
   * Allow Terraform to destroy the construct's resources, and the data they hold.
   * @default false - `lifecycle.prevent_destroy` is set
   */
  readonly allowDestroy?: boolean;
}

/** The `lifecycle` of a stateful resource: `prevent_destroy` unless `allowDestroy` is true. */
export function destroyProtection(props: DestroyProtectionProps): { readonly preventDestroy: boolean } {
  return { preventDestroy: !(props.allowDestroy ?? false) };
}
