/** The value of the `managed-by` tag and of the `app.kubernetes.io/managed-by` label on everything the library makes. */
export const MANAGED_BY = "cdktf-gitops";

/** The Kubernetes label that marks objects the library writes. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

/** `{ "app.kubernetes.io/managed-by": "cdktf-gitops" }`, for spreading into an object's labels. */
export const MANAGED_BY_LABELS: Readonly<Record<string, string>> = { [MANAGED_BY_LABEL]: MANAGED_BY };
