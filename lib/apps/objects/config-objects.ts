import { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { ResolvedApp } from "../resolved-app";
import { sortedRecord } from "../../core/sorting";
import { appLabels, appMeta, contentHash, KEEP_ON_PRUNE, literalMeta } from "./object-meta";

/** Name of the ConfigMap of the app's config files, with a hash of their content, or undefined without config. */
export function configMapName(app: ResolvedApp): string | undefined {
  return Object.keys(app.config).length > 0 ? `${app.name}-config-${contentHash(app.config)}` : undefined;
}

/** The app's immutable ConfigMap of config files, kept on prune; undefined without config. */
export function appConfigMap(app: ResolvedApp): KubernetesObject | undefined {
  const name = configMapName(app);
  if (name === undefined) return undefined;
  return { apiVersion: "v1", kind: "ConfigMap", metadata: literalMeta(app, name, KEEP_ON_PRUNE), immutable: true, data: sortedRecord(app.config) };
}

/** The Azure values a SecretProviderClass refers to: literal values, Terraform tokens or Flux variables. */
export interface SecretStoreValues {
  readonly clientId: string;
  readonly tenantId: string;
  readonly keyVaultName: string;
}

/**
 * The app's SecretProviderClass: the Azure Key Vault provider with workload identity, synced to a Secret of
 * the same name for `secretKeyRef` env vars (with `secretsAs: "environment"`), its name hashed from the references; undefined without secrets.
 */
export function appSecretProviderClass(app: ResolvedApp, azure: SecretStoreValues): KubernetesObject | undefined {
  const secretNames = Object.keys(app.secrets).sort();
  if (secretNames.length === 0) return undefined;
  const objectsParameter = [
    "array:",
    ...secretNames.flatMap((variable) => {
      const ref = app.secrets[variable];
      return ["  - |", `    objectName: ${ref.keyVaultSecret}`, `    objectAlias: ${variable}`, "    objectType: secret", `    objectVersion: "${ref.version ?? ""}"`];
    }),
  ].join("\n");
  const parameters = {
    clientID: azure.clientId,
    keyvaultName: azure.keyVaultName,
    objects: `${objectsParameter}\n`,
    tenantId: azure.tenantId,
    usePodIdentity: "false",
  };
  // The identity values are left out of the hash: they may be Terraform tokens, whose text is not stable.
  const name = `${app.name}-secrets-${contentHash({ keyvaultName: azure.keyVaultName, objects: parameters.objects })}`;
  return {
    apiVersion: "secrets-store.csi.x-k8s.io/v1",
    kind: "SecretProviderClass",
    metadata: appMeta(app, name, { annotations: { ...KEEP_ON_PRUNE } }),
    spec: {
      provider: "azure",
      parameters,
      // A synced Kubernetes Secret exists only for secrets taken as environment variables (secretsAs).
      ...(app.secretsAs === "environment"
        ? { secretObjects: [{ secretName: name, type: "Opaque", labels: appLabels(app), data: secretNames.map((variable) => ({ objectName: variable, key: variable })) }] }
        : {}),
    },
  };
}
