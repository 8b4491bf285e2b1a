import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { AppAzureValues, appClientIdVariable, appObjects, identityPatches, TENANT_ID_VARIABLE } from "../lib/apps/app-objects";
import { AppIdentity } from "../lib/apps/app-identity";
import { AppSpec } from "../lib/apps/app-spec";
import { ResolvedApp, resolveApp } from "../lib/apps/resolved-app";
import { appProblems } from "../lib/apps/validate-apps";
import { throwIfProblems } from "../lib/core/validation-error";
import { AksClusterAccess, KubeloginMode } from "../lib/platform/aks-cluster-access";
import { GitOpsManifests, manifestFileName } from "../lib/kubernetes/gitops-manifests";
import { KubernetesObject, validateKubernetesObject } from "../lib/kubernetes/kubernetes-object";
import { KustomizationFile, KustomizePatch } from "../lib/kubernetes/kustomization-file";
import { AppAlertTarget } from "../lib/environment/app-alert-thresholds";
import { appFolder } from "../lib/core/gitops-layout";
import { EnvironmentStack, EnvironmentStackProps } from "./environment-stack";
import { PlatformStack } from "./platform-stack";
import { terraformLiterals } from "../lib/core/terraform-literal";

/**
 * Apps whose spec was validated with the whole platform just now (`buildPlatform`): their stacks do not check
 * it again (a tenth of building 1,000 app stacks).
 */
const validatedApps = new WeakSet<AppSpec>();

/** `build()`, with `app` taken as validated by the `AppStack` it creates (see `validatedApps`). */
export function withValidatedApp<T>(app: AppSpec, build: () => T): T {
  validatedApps.add(app);
  try {
    return build();
  } finally {
    validatedApps.delete(app);
  }
}

/** Props of an `AppStack`. */
export interface AppStackProps extends EnvironmentStackProps {
  /** The app. */
  readonly app: AppSpec;
  /** The environment's pinned image of the app, `registry/repo[:tag]@sha256:<digest>`. */
  readonly image: string;
  /** The environment's platform stack: cluster (OIDC issuer), Key Vault and resource group. */
  readonly platformStack: PlatformStack;
  /**
   * How kubelogin signs in to the cluster, for the `terraform` delivery mode.
   * @default "azurecli"
   */
  readonly kubeloginMode?: KubeloginMode;
}

/**
 * `<env>-app-<app>`: one app in one environment. The Azure side is a managed identity federated with the
 * app's service account and, when the app has secrets, `Key Vault Secrets User` on the environment's vault.
 * The Kubernetes objects are written as YAML under `cdktf.out/gitops/<env>/apps/<app>/` (delivery `gitops`,
 * the default), or added to this stack as `kubernetes_manifest` resources (delivery `terraform`).
 *
 * In `gitops` delivery the folder is a kustomize directory (a `kustomization.yaml` lists the files), and the
 * identity's client id and tenant id, not known at synth time, are placeholders: the Flux post-build
 * variables `${APP_<APP>_CLIENT_ID}` and `${AZURE_TENANT_ID}`. The sync engine's stack fills them in from
 * this stack's references: Flux with `identityVariables` (`post_build.substitute` of the apps kustomization),
 * Argo CD with `identityPatches` (`kustomize.patches` of the apps Application).
 */
export class AppStack extends EnvironmentStack {
  /** The app with the environment's overrides and defaults applied. */
  public readonly app: ResolvedApp;
  /** The app's managed identity. */
  public readonly identity: AppIdentity;
  /** The app's Kubernetes objects (identity values as variables or Terraform references). */
  public readonly objects: readonly KubernetesObject[];
  /** The YAML files, in `gitops` delivery. */
  public readonly manifests?: GitOpsManifests;
  /** The folder's `kustomization.yaml`, in `gitops` delivery. */
  public readonly kustomization?: KustomizationFile;
  /** The `kubernetes_manifest` resources, in `terraform` delivery, by `<kind>-<name>`. */
  public readonly kubernetesManifests: Readonly<Record<string, Manifest>>;
  private readonly gitops: boolean;
  /** What the environment's monitoring needs to alert on the app. */
  public readonly alertTarget: AppAlertTarget;

  constructor(scope: Construct, props: AppStackProps) {
    super(scope, `app-${props.app.name}`, props);
    if (!validatedApps.has(props.app)) throwIfProblems(`app of ${this.node.path}`, appProblems(props.app));
    const environment = props.environment;
    const platform = props.platformStack;
    const app = resolveApp(props.app, environment.name, props.image);
    this.app = app;

    this.identity = new AppIdentity(this, "Identity", {
      environment,
      appName: app.name,
      // The platform's resource group by its derived name: a plain string, no cross-stack output needed.
      resourceGroup: { name: environment.names.of("resourceGroup") },
      cluster: platform.cluster,
      namespace: app.namespace,
      serviceAccountName: app.name,
      keyVault: Object.keys(app.secrets).length > 0 ? platform.keyVault : undefined,
    });
    new TerraformOutput(this, "client_id", { value: this.identity.clientId, description: `client id of the ${app.name} identity` });

    const keyVaultName = environment.names.of("keyVault");
    this.gitops = app.delivery === "gitops";
    const azure: AppAzureValues = this.gitops
      ? { clientId: `\${${appClientIdVariable(app.name)}}`, tenantId: `\${${TENANT_ID_VARIABLE}}`, keyVaultName }
      : { clientId: this.identity.clientId, tenantId: this.identity.tenantId, keyVaultName };
    this.objects = appObjects(app, azure);
    this.alertTarget = { name: app.name, namespace: app.namespace, alerts: app.alerts };

    if (this.gitops) {
      this.manifests = new GitOpsManifests(this, "Manifests", { environment: environment.name, folder: appFolder(app.name) });
      this.manifests.add(...this.objects);
      const manifests = this.manifests;
      this.kustomization = new KustomizationFile(this, "Kustomization", {
        environment: environment.name,
        folder: manifests.folder,
        resources: { get resources() { return manifests.objects.map(manifestFileName); } },
      });
    }
    this.kubernetesManifests = this.gitops ? {} : this.createKubernetesManifests(props.kubeloginMode);
  }

  /** `terraform` delivery: the objects as `kubernetes_manifest` resources, through a provider that reaches the cluster with Azure AD. */
  private createKubernetesManifests(kubeloginMode: KubeloginMode | undefined): Record<string, Manifest> {
    const names = this.environment.names;
    const access = new AksClusterAccess(this, "ClusterAccess", {
      cluster: { name: names.of("kubernetesCluster"), resourceGroupName: names.of("resourceGroup") },
      kubernetesProvider: true,
      kubeloginMode,
    });
    const manifests: Record<string, Manifest> = {};
    let namespace: Manifest | undefined;
    for (const object of this.objects) {
      validateKubernetesObject(object, this.node.path);
      const id = `${object.kind}-${object.metadata.name}`;
      manifests[id] = new Manifest(this, id, {
        provider: access.kubernetes,
        manifest: terraformLiterals(object),
        dependsOn: namespace ? [namespace, this.identity.federatedCredential] : undefined,
      });
      if (object.kind === "Namespace") namespace = manifests[id];
    }
    return manifests;
  }

  /**
   * Values of the Flux post-build variables the `gitops` objects refer to: `APP_<APP>_CLIENT_ID` and
   * `AZURE_TENANT_ID`, as Terraform references (empty in `terraform` delivery). Use them from the stack that
   * configures the sync engine; cdktf turns them into cross-stack references.
   */
  public get identityVariables(): Readonly<Record<string, string>> {
    if (!this.gitops) return {};
    return { [appClientIdVariable(this.app.name)]: this.identity.clientId, [TENANT_ID_VARIABLE]: this.identity.tenantId };
  }

  /**
   * Kustomize patches that set the identity values of the `gitops` objects (ServiceAccount annotations and
   * SecretProviderClass parameters) to this stack's Terraform references, for Argo CD, which has no variable
   * substitution (empty in `terraform` delivery). Use them from the stack that creates the apps Application.
   */
  public get identityPatches(): readonly KustomizePatch[] {
    if (!this.gitops) return [];
    return identityPatches(this.app, { clientId: this.identity.clientId, tenantId: this.identity.tenantId });
  }
}
