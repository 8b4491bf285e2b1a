import { KustomizePatch } from "../kubernetes/kustomization-file";
import { KubernetesObject } from "../kubernetes/kubernetes-object";
import { appConfigMap, appSecretProviderClass } from "./objects/config-objects";
import { appDeployment } from "./objects/deployment";
import { appNamespace, appServiceAccount, CLIENT_ID_ANNOTATION, TENANT_ID_ANNOTATION } from "./objects/identity-objects";
import { appIngress, appNetworkPolicies, appService } from "./objects/network-objects";
import { appAutoscaler, appDisruptionBudget } from "./objects/scaling-objects";
import { ResolvedApp } from "./resolved-app";

export { configMapName } from "./objects/config-objects";
export { FLUX_SUBSTITUTE_DISABLED } from "./objects/object-meta";

/** The Azure values the app's objects refer to: literal values, Terraform tokens or Flux variables. */
export interface AppAzureValues {
  /** Client id of the app's managed identity (ServiceAccount annotation, SecretProviderClass). */
  readonly clientId: string;
  /** Azure AD tenant id of the identity and the Key Vault. */
  readonly tenantId: string;
  /** Name of the environment's Key Vault. */
  readonly keyVaultName: string;
}

/** The identity values the sync engine fills in at deploy time: Terraform references or literal values. */
export interface AppIdentityValues {
  /** Client id of the app's managed identity. */
  readonly clientId: string;
  /** Azure AD tenant id of the identity. */
  readonly tenantId: string;
}

/**
 * Name of the Flux post-build variable that holds the client id of an app's identity, e.g. `APP_WEB_CLIENT_ID`
 * for `web` and `APP_MY_API_CLIENT_ID` for `my-api`. App names are lower-case letters, digits and hyphens
 * (never `_`), so the mapping is one-to-one and the result matches Flux's `^[_a-zA-Z][_a-zA-Z0-9]*$`.
 */
export function appClientIdVariable(appName: string): string {
  return `APP_${appName.toUpperCase().replace(/-/g, "_")}_CLIENT_ID`;
}

/** Name of the Flux post-build variable that holds the Azure AD tenant id. */
export const TENANT_ID_VARIABLE = "AZURE_TENANT_ID";

/**
 * The app's Kubernetes objects as plain data: Namespace, ServiceAccount, ConfigMap (when it has config),
 * SecretProviderClass (when it has secrets), Deployment, Service, PodDisruptionBudget,
 * HorizontalPodAutoscaler (when it autoscales), NetworkPolicies (default deny + the app's ingress) and
 * Ingress (when set), each built in `objects/` by kind. Pure: the same input gives the same objects.
 */
export function appObjects(app: ResolvedApp, azure: AppAzureValues): KubernetesObject[] {
  const configMap = appConfigMap(app);
  const secretProviderClass = appSecretProviderClass(app, azure);
  const mounts = { configMap: configMap?.metadata.name, secretProviderClass: secretProviderClass?.metadata.name };
  return [
    appNamespace(app),
    appServiceAccount(app, azure),
    ...optional(configMap),
    ...optional(secretProviderClass),
    appDeployment(app, mounts),
    appService(app),
    appDisruptionBudget(app),
    ...optional(appAutoscaler(app)),
    ...appNetworkPolicies(app),
    ...optional(appIngress(app)),
  ];
}

function optional(object: KubernetesObject | undefined): KubernetesObject[] {
  return object === undefined ? [] : [object];
}

/**
 * Kustomize patches that set the identity values of the app's objects, for a sync engine without variable
 * substitution (Argo CD: `spec.source.kustomize.patches`). JSON 6902 `replace` operations on exactly the
 * fields that hold the Flux variables: the ServiceAccount's `azure.workload.identity/client-id` and
 * `tenant-id` annotations and, when the app has secrets, the SecretProviderClass's `clientID` and `tenantId`
 * (found by kind, namespace and the app's name label, since its name is hashed). `replace` fails the build
 * when a field is missing, so a patch can never silently miss. Pure: the same input gives the same patches.
 */
export function identityPatches(app: ResolvedApp, identity: AppIdentityValues): KustomizePatch[] {
  const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
  const replace = (ops: [string, string][]) => JSON.stringify(ops.map(([path, value]) => ({ op: "replace", path, value })));
  const patches: KustomizePatch[] = [
    {
      target: { version: "v1", kind: "ServiceAccount", name: app.name, namespace: app.namespace },
      patch: replace([
        [`/metadata/annotations/${escape(CLIENT_ID_ANNOTATION)}`, identity.clientId],
        [`/metadata/annotations/${escape(TENANT_ID_ANNOTATION)}`, identity.tenantId],
      ]),
    },
  ];
  if (Object.keys(app.secrets).length > 0) {
    patches.push({
      target: {
        group: "secrets-store.csi.x-k8s.io",
        version: "v1",
        kind: "SecretProviderClass",
        namespace: app.namespace,
        labelSelector: `app.kubernetes.io/name=${app.name}`,
      },
      patch: replace([
        ["/spec/parameters/clientID", identity.clientId],
        ["/spec/parameters/tenantId", identity.tenantId],
      ]),
    });
  }
  return patches;
}
