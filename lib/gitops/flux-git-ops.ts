// Over 300 lines: FluxGitOps has fifteen documented props (half of the file) beside the construct they configure.
import { KubernetesClusterExtension } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-extension";
import { KubernetesFluxConfiguration, KubernetesFluxConfigurationGitRepository } from "@cdktf/provider-azurerm/lib/kubernetes-flux-configuration";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { Duration, durationFix } from "../core/duration";
import { APPS_FOLDER, INFRASTRUCTURE_FOLDER } from "../core/gitops-layout";
import { sortedRecord } from "../core/sorting";
import { IAksCluster } from "../platform/aks-cluster";
import { GitSource } from "./git-source";
import { terraformLiteral } from "../core/terraform-literal";
import { DNS_LABEL_RULE, isDnsLabel } from "../core/kubernetes-names";
import { throwIfProblems } from "../core/validation-error";

/** The microsoft.flux extension version the library pins by default (Flux 2.6 line). */
export const FLUX_EXTENSION_VERSION = "1.19.5";

/** The azurerm naming rule of flux configuration and kustomization names. */
export const FLUX_NAME_PATTERN = /^[a-z\d]([-a-z\d]{0,28}[a-z\d])?$/;

/** Flux's rule for post-build variable names. */
export const FLUX_VARIABLE_PATTERN = /^[_a-zA-Z][_a-zA-Z0-9]*$/;


/**
 * Name of the Kustomization object a flux configuration creates in the cluster for one of its kustomizations:
 * Azure names it `<configuration name>-<kustomization name>`, in the configuration's namespace.
 */
export function fluxKustomizationObjectName(configurationName: string, kustomizationName: string): string {
  return `${configurationName}-${kustomizationName}`;
}

/** Props of a `FluxGitOps`. */
export interface FluxGitOpsProps {
  /** The AKS cluster: an `AksCluster`, or an existing one (`AksCluster.fromName`). */
  readonly cluster: Pick<IAksCluster, "id">;
  /** Name of the flux configuration (azurerm rule `^[a-z\d]([-a-z\d]{0,28}[a-z\d])?$`). */
  readonly name: string;
  /** The GitOps repository: URL, branch, apps path, interval and credentials. */
  readonly source: GitSource;
  /**
   * Version of the `microsoft.flux` extension. A pinned version is never upgraded by Azure.
   * @default FLUX_EXTENSION_VERSION
   */
  readonly extensionVersion?: string;
  /**
   * Let Azure upgrade the extension automatically along the `Stable` release train instead of pinning it.
   * @default false - the version is pinned
   */
  readonly autoUpgrade?: boolean;
  /**
   * Namespace of the Flux controllers and of the configuration's objects.
   * @default "flux-system"
   */
  readonly namespace?: string;
  /**
   * Path of the infrastructure layer in the repository.
   * @default - `infrastructure` beside the apps path, e.g. `environments/dev/infrastructure`
   */
  readonly infrastructurePath?: string;
  /**
   * Name of the infrastructure kustomization.
   * @default "infrastructure"
   */
  readonly infrastructureKustomizationName?: string;
  /**
   * Name of the apps kustomization (depends on the infrastructure one).
   * @default "apps"
   */
  readonly appsKustomizationName?: string;
  /**
   * Delete cluster objects whose manifests were removed from the repository (`garbage_collection_enabled`).
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Wait until every applied object is ready before a kustomization counts as reconciled.
   * @default true
   */
  readonly wait?: boolean;
  /**
   * How long to wait before retrying a failed reconciliation, e.g. `1m`.
   * @default "1m"
   */
  readonly retryInterval?: string;
  /**
   * Timeout of a Git fetch and of a kustomization apply, e.g. `10m`.
   * @default "10m"
   */
  readonly timeout?: string;
  /**
   * Name of a Kubernetes secret in `namespace` that already holds the Git credentials (for example synced
   * from Key Vault by the secrets store CSI driver). When set, Terraform does not read the Key Vault secrets.
   * Azure accepts 1-63 lower-case letters, digits and hyphens here (no dots).
   * @default - the credentials named in the source's `auth` are read from Key Vault
   */
  readonly localAuthReference?: string;
  /**
   * Post-build variables of the apps kustomization (`post_build.substitute`): name → value, values may be
   * Terraform references (such as the client ids of the apps' identities). Flux replaces `${name}` in every
   * object of the apps layer that does not carry `kustomize.toolkit.fluxcd.io/substitute: disabled`.
   * Names must match `^[_a-zA-Z][_a-zA-Z0-9]*$`.
   * @default - no post-build substitution
   */
  readonly appsSubstitutions?: Readonly<Record<string, string>>;
  /**
   * Further kustomizations beside the two layers, each with its own path and post-build variables (such as the
   * release-feedback folder, whose variables are the feedback identity's ids). They depend on no other.
   * @default - none
   */
  readonly extraKustomizations?: readonly FluxExtraKustomization[];
}

/** A further kustomization of a `FluxGitOps`. */
export interface FluxExtraKustomization {
  /** Name (azurerm rule `^[a-z\d]([-a-z\d]{0,28}[a-z\d])?$`). */
  readonly name: string;
  /** Path in the repository. */
  readonly path: string;
  /** Post-build variables. @default - none */
  readonly substitutions?: Readonly<Record<string, string>>;
}

/**
 * Flux on AKS: the `microsoft.flux` cluster extension (version pinned) and a cluster-scoped flux
 * configuration that syncs the GitOps repository with two kustomizations, an `infrastructure` layer and an
 * `apps` layer that depends on it. Prune, wait and continuous reconciliation are on by default. Git
 * credentials come from Key Vault references (or an existing in-cluster secret), never literal values.
 * Values known only after `terraform apply` (the apps' identity client ids) reach the apps layer through
 * `appsSubstitutions` (post-build variable substitution).
 */
export class FluxGitOps extends Construct {
  /** The `microsoft.flux` extension. */
  public readonly extension: KubernetesClusterExtension;
  /** The flux configuration (the main resource). */
  public readonly resource: KubernetesFluxConfiguration;
  /** Name of the infrastructure kustomization. */
  public readonly infrastructureKustomizationName: string;
  /** Name of the apps kustomization. */
  public readonly appsKustomizationName: string;
  /** Path of the infrastructure layer in the repository. */
  public readonly infrastructurePath: string;
  /** Name of the flux configuration (as given, never a token). */
  public readonly configurationName: string;

  constructor(scope: Construct, id: string, props: FluxGitOpsProps) {
    super(scope, id);
    const source = props.source;
    this.configurationName = props.name;
    this.infrastructureKustomizationName = props.infrastructureKustomizationName ?? INFRASTRUCTURE_FOLDER;
    this.appsKustomizationName = props.appsKustomizationName ?? APPS_FOLDER;
    this.infrastructurePath = props.infrastructurePath ?? [source.environmentPath, INFRASTRUCTURE_FOLDER].filter(Boolean).join("/");
    const settings: FluxSettings = {
      autoUpgrade: props.autoUpgrade ?? false,
      version: props.extensionVersion ?? FLUX_EXTENSION_VERSION,
      namespace: props.namespace ?? "flux-system",
      retryInterval: props.retryInterval ?? "1m",
      timeout: props.timeout ?? "10m",
      substitutions: props.appsSubstitutions ?? {},
    };
    const problems = this.problems(props, settings);
    throwIfProblems("flux gitops", problems);
    this.extension = this.createExtension(props.cluster, settings);
    this.resource = this.createConfiguration(props, settings);
  }

  /** Every problem of the props, as `path: what is wrong; fix`. */
  private problems(props: FluxGitOpsProps, settings: FluxSettings): string[] {
    const at = this.node.path;
    const { autoUpgrade, version, namespace } = settings;
    const problems: string[] = [];
    const extra = props.extraKustomizations ?? [];
    for (const [prop, name] of [
      ["name", props.name],
      ["infrastructureKustomizationName", this.infrastructureKustomizationName],
      ["appsKustomizationName", this.appsKustomizationName],
      ...extra.map((k, i) => [`extraKustomizations[${i}].name`, k.name] as const),
    ] as const) {
      if (!Token.isUnresolved(name) && !FLUX_NAME_PATTERN.test(name)) {
        problems.push(`${at}: ${prop} "${name}" is not a valid flux name; azure allows 1-30 lower-case letters, digits and hyphens, starting and ending with a letter or digit`);
      }
    }
    const names = [this.infrastructureKustomizationName, this.appsKustomizationName, ...extra.map((k) => k.name)];
    if (new Set(names).size !== names.length && this.infrastructureKustomizationName !== this.appsKustomizationName) {
      problems.push(`${at}: extraKustomizations repeat a kustomization name (${names.join(", ")}); give each kustomization its own name`);
    }
    if (this.infrastructureKustomizationName === this.appsKustomizationName) {
      problems.push(`${at}: infrastructureKustomizationName and appsKustomizationName are both "${this.appsKustomizationName}"; give each kustomization its own name`);
    }
    if (!isDnsLabel(namespace)) {
      problems.push(`${at}: namespace "${namespace}" is not a kubernetes namespace name; ${DNS_LABEL_RULE}, such as "flux-system"`);
    }
    if (!autoUpgrade && !/^\d+\.\d+\.\d+$/.test(version)) {
      problems.push(`${at}: extensionVersion "${version}" is not a pinned version; use MAJOR.MINOR.PATCH such as "${FLUX_EXTENSION_VERSION}", or set autoUpgrade: true`);
    }
    if (autoUpgrade && props.extensionVersion !== undefined) {
      problems.push(`${at}: extensionVersion "${props.extensionVersion}" is set together with autoUpgrade; pin a version or let azure upgrade, not both`);
    }
    if (!/^[A-Za-z0-9_][-A-Za-z0-9._/]*$/.test(this.infrastructurePath) || this.infrastructurePath.split("/").includes("..")) {
      problems.push(`${at}: infrastructurePath "${this.infrastructurePath}" is not a relative path inside the repository; use a path such as "environments/dev/infrastructure"`);
    }
    problems.push(...localAuthProblems(at, props));
    for (const name of Object.keys(settings.substitutions).sort()) {
      if (!FLUX_VARIABLE_PATTERN.test(name)) {
        problems.push(`${at}: appsSubstitutions has variable "${name}", which flux cannot substitute; use letters, digits and underscores, not starting with a digit`);
      }
    }
    if (durationSeconds(settings.retryInterval) === undefined) problems.push(`${at}: retryInterval "${settings.retryInterval}" is not a duration; ${durationFix({}, "1m")}`);
    if (durationSeconds(settings.timeout) === undefined) problems.push(`${at}: timeout "${settings.timeout}" is not a duration; ${durationFix({}, "10m")}`);
    return problems;
  }

  /** The `microsoft.flux` extension: version pinned unless `autoUpgrade`, image automation off. */
  private createExtension(cluster: Pick<IAksCluster, "id">, settings: FluxSettings): KubernetesClusterExtension {
    return new KubernetesClusterExtension(this, "Extension", {
      name: "flux",
      clusterId: cluster.id,
      extensionType: "microsoft.flux",
      version: settings.autoUpgrade ? undefined : settings.version,
      releaseTrain: settings.autoUpgrade ? "Stable" : undefined,
      releaseNamespace: settings.namespace,
      configurationSettings: {
        "source-controller.enabled": "true",
        "kustomize-controller.enabled": "true",
        "helm-controller.enabled": "true",
        "notification-controller.enabled": "true",
        "image-automation-controller.enabled": "false",
        "image-reflector-controller.enabled": "false",
      },
    });
  }

  /** The flux configuration: the Git source and the infrastructure and apps kustomizations. */
  private createConfiguration(props: FluxGitOpsProps, settings: FluxSettings): KubernetesFluxConfiguration {
    const source = props.source;
    const timeoutSeconds = durationSeconds(settings.timeout)!;
    const kustomization = {
      syncIntervalInSeconds: source.syncIntervalSeconds,
      retryIntervalInSeconds: durationSeconds(settings.retryInterval)!,
      timeoutInSeconds: timeoutSeconds,
      garbageCollectionEnabled: props.prune ?? true,
      wait: props.wait ?? true,
      recreatingEnabled: false,
    };
    const substitutions = settings.substitutions;
    return new KubernetesFluxConfiguration(this, "Resource", {
      name: props.name,
      clusterId: props.cluster.id,
      namespace: settings.namespace,
      scope: "cluster",
      continuousReconciliationEnabled: true,
      gitRepository: this.gitRepository(source, timeoutSeconds, props.localAuthReference),
      kustomizations: [
        { name: this.infrastructureKustomizationName, path: this.infrastructurePath, ...kustomization },
        {
          name: this.appsKustomizationName,
          path: terraformLiteral(source.path),
          dependsOn: [this.infrastructureKustomizationName],
          ...kustomization,
          ...(Object.keys(substitutions).length > 0 ? { postBuild: { substitute: sortedRecord(substitutions) } } : {}),
        },
        ...(props.extraKustomizations ?? []).map((k) => ({
          name: k.name,
          path: k.path,
          ...kustomization,
          ...(k.substitutions && Object.keys(k.substitutions).length > 0 ? { postBuild: { substitute: sortedRecord(k.substitutions) } } : {}),
        })),
      ],
      dependsOn: [this.extension],
    });
  }

  /**
   * Name of the Kustomization object the flux configuration creates in the cluster for one of its kustomizations:
   * Azure names it `<configuration name>-<kustomization name>`, in the configuration's namespace.
   */
  public kustomizationObjectName(kustomizationName: string): string {
    return fluxKustomizationObjectName(this.configurationName, kustomizationName);
  }

  private gitRepository(source: GitSource, timeoutSeconds: number, localAuthReference: string | undefined): KubernetesFluxConfigurationGitRepository {
    const repository = {
      url: terraformLiteral(source.url),
      referenceType: "branch",
      referenceValue: terraformLiteral(source.branch),
      syncIntervalInSeconds: source.syncIntervalSeconds,
      timeoutInSeconds: timeoutSeconds,
    };
    const auth = source.auth;
    if (localAuthReference !== undefined) return { ...repository, localAuthReference };
    if (auth.kind === "ssh") {
      return {
        ...repository,
        sshPrivateKeyBase64: Fn.base64encode(source.secretValue(auth.privateKeySecretName)),
        sshKnownHostsBase64: Fn.base64encode(source.secretValue(auth.knownHostsSecretName)),
      };
    }
    if (auth.kind === "https") {
      return {
        ...repository,
        httpsUser: source.secretValue(auth.usernameSecretName),
        httpsKeyBase64: Fn.base64encode(source.secretValue(auth.passwordSecretName)),
      };
    }
    return repository;
  }
}

/** The props with their defaults applied. */
interface FluxSettings {
  readonly autoUpgrade: boolean;
  readonly version: string;
  readonly namespace: string;
  readonly retryInterval: string;
  readonly timeout: string;
  readonly substitutions: Readonly<Record<string, string>>;
}

function localAuthProblems(at: string, props: FluxGitOpsProps): string[] {
  const reference = props.localAuthReference;
  if (reference === undefined) return [];
  const problems: string[] = [];
  if (!/^[a-z\d]([-a-z\d]{0,61}[a-z\d])?$/.test(reference)) {
    problems.push(`${at}: localAuthReference "${reference}" is not a secret name azure accepts; use 1-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit`);
  }
  if (props.source.auth.kind === "public") {
    problems.push(`${at}: localAuthReference "${reference}" is set for a public repository; remove it or set auth on the source`);
  }
  return problems;
}

function durationSeconds(duration: string): number | undefined {
  return Duration.parse(duration)?.seconds;
}
