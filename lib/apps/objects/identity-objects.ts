import { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { ResolvedApp } from "../resolved-app";
import { appLabels, appMeta, FLUX_SUBSTITUTE_DISABLED, WORKLOAD_IDENTITY_USE } from "./object-meta";

/** The ServiceAccount annotation that names the client id of the pod's managed identity. */
export const CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
/** The ServiceAccount annotation that names the tenant of the pod's managed identity. */
export const TENANT_ID_ANNOTATION = "azure.workload.identity/tenant-id";

/** The app's Namespace: pod security standard `restricted` enforced. */
export function appNamespace(app: ResolvedApp): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: app.namespace,
      annotations: { ...FLUX_SUBSTITUTE_DISABLED },
      labels: {
        ...appLabels(app),
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
      },
    },
  };
}

/** The app's ServiceAccount: workload identity annotations, no token automount. */
export function appServiceAccount(app: ResolvedApp, identity: { readonly clientId: string; readonly tenantId: string }): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: appMeta(app, app.name, {
      labels: { ...appLabels(app), [WORKLOAD_IDENTITY_USE]: "true" },
      annotations: { [CLIENT_ID_ANNOTATION]: identity.clientId, [TENANT_ID_ANNOTATION]: identity.tenantId },
    }),
    automountServiceAccountToken: false,
  };
}
