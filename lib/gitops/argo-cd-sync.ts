import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Lazy } from "cdktf";
import { Construct } from "constructs";
import { PLATFORM_NAMESPACES } from "../core/namespaces";
import { Duration, durationFix } from "../core/duration";
import { DNS_LABEL_RULE, isDnsLabel } from "../core/kubernetes-names";
import { throwIfProblems } from "../core/validation-error";
import { GitSource } from "./git-source";
import { KubernetesObject } from "../kubernetes/kubernetes-object";
import { ArgoCdObjects, BuiltObjects } from "./argo-cd-objects";
import { KustomizePatch } from "../kubernetes/kustomization-file";
import { terraformLiterals } from "../core/terraform-literal";

export { IN_CLUSTER_SERVER } from "./argo-cd-objects";

/** Retry of a failed sync: attempts and exponential backoff. */
export interface ArgoCdRetry {
  /** Attempts before giving up. */
  readonly limit: number;
  /** First backoff, e.g. `5s`. */
  readonly duration: string;
  /** Multiplier of the backoff after each attempt. */
  readonly factor: number;
  /** Longest backoff, e.g. `3m`. */
  readonly maxDuration: string;
}

/** A cluster-scoped kind that an AppProject may manage. */
export interface ArgoCdGroupKind {
  /** API group, `""` for the core group. */
  readonly group: string;
  /** Kind, e.g. `Namespace`. */
  readonly kind: string;
}

/** Anything that holds Kubernetes objects, such as `GitOpsManifests` or `ClusterBaseline`; read when needed. */
export interface KubernetesObjectSource {
  readonly objects: readonly KubernetesObject[];
}

/** Props of an `ArgoCdSync`. */
export interface ArgoCdSyncProps {
  /** The environment name: prefixes the AppProjects and Applications. */
  readonly environment: string;
  /** The GitOps repository: URL, branch and the environment's apps path. */
  readonly source: GitSource;
  /**
   * Namespace Argo CD runs in.
   * @default "argocd"
   */
  readonly argoCdNamespace?: string;
  /**
   * The namespaces the environment's apps deploy into; the apps AppProject allows only these.
   * @default - the namespaces of `appObjects`; without any, every namespace except `PLATFORM_NAMESPACES`
   */
  readonly appNamespaces?: readonly string[];
  /**
   * Cluster-scoped kinds the apps may manage.
   * @default [{ group: "", kind: "Namespace" }] - apps create their own namespaces
   */
  readonly appClusterResources?: readonly ArgoCdGroupKind[];
  /**
   * The objects of the apps layer (read at synth time). Their namespaces become the apps AppProject's
   * destinations when `appNamespaces` is not set.
   * @default - no objects known: `appNamespaces`, or every namespace except `PLATFORM_NAMESPACES`
   */
  readonly appObjects?: KubernetesObjectSource;
  /**
   * Kustomize patches the apps Application applies (`spec.source.kustomize.patches`), such as the identity
   * values of the apps' ServiceAccounts and SecretProviderClasses; values may be Terraform references. The
   * apps path must be a kustomize directory (a `kustomization.yaml` at its root, see `KustomizationFile`).
   * @default - no patches
   */
  readonly appPatches?: readonly KustomizePatch[];
  /**
   * The objects of the infrastructure layer (read at synth time). When given, an `<env>-infrastructure`
   * AppProject and Application sync `infrastructurePath`, limited to exactly the cluster-scoped kinds and
   * namespaces of these objects.
   * @default - no infrastructure Application
   */
  readonly infrastructureObjects?: KubernetesObjectSource;
  /**
   * Path of the infrastructure layer in the repository.
   * @default - `infrastructure` beside the apps path
   */
  readonly infrastructurePath?: string;
  /**
   * Delete cluster objects whose manifests were removed from the repository.
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Revert changes made to the cluster outside Git.
   * @default true
   */
  readonly selfHeal?: boolean;
  /**
   * Retry of failed syncs.
   * @default { limit: 5, duration: "5s", factor: 2, maxDuration: "3m" }
   */
  readonly retry?: ArgoCdRetry;
}


/**
 * The Argo CD objects of one environment, applied as `kubernetes_manifest` resources: an AppProject limited
 * to the repository, the environment's app namespaces and the cluster-scoped kinds apps need, and an
 * Application syncing the apps path with automated sync, prune, self-heal and retry with backoff; plus,
 * when the infrastructure layer is given, an AppProject and Application for it. The apps path is built with
 * kustomize, so `appPatches` (e.g. the apps' identity client ids, Terraform references) can set values that
 * exist only after `terraform apply`; Argo CD has no variable substitution. Every object is validated
 * against the Argo CD schema. These are custom resources: never put this construct in the stack that
 * installs Argo CD (its CRDs must exist when Terraform plans).
 */
export class ArgoCdSync extends Construct {
  /** The `kubernetes_manifest` resources, by `<kind>/<name>`. */
  public readonly manifests: Readonly<Record<string, Manifest>>;
  private readonly builder: ArgoCdObjects;
  private built?: BuiltObjects;

  constructor(scope: Construct, id: string, props: ArgoCdSyncProps) {
    super(scope, id);
    const namespace = props.argoCdNamespace ?? "argocd";
    const retry = props.retry ?? DEFAULT_RETRY;
    throwIfProblems("argo cd sync", argoCdSyncProblems(this.node.path, props, namespace, retry));
    this.builder = new ArgoCdObjects(this.node.path, props, namespace, retry);
    // The layers' objects are read at synth time (constructs created after this one may add to them), so the
    // objects are built then, once, with their problems; cdktf reports those problems from this validation
    // before it writes any file. Neither the Lazy values of the manifests nor `objects` throw.
    this.node.addValidation({ validate: () => [...this.build().problems] });
    this.manifests = this.createManifests(props);
  }

  /**
   * The objects, projects before their applications, built from the layers' objects as they are now
   * (the first call fixes them). Their problems (an app object in a platform namespace, an object that does
   * not match its Argo CD schema) fail the synth.
   */
  public get objects(): readonly KubernetesObject[] {
    return this.build().objects;
  }

  private build(): BuiltObjects {
    return (this.built ??= this.builder.build());
  }

  /** One `kubernetes_manifest` per object, each Application depending on its AppProject. */
  private createManifests(props: ArgoCdSyncProps): Record<string, Manifest> {
    const env = props.environment;
    const names = [
      ...(props.infrastructureObjects ? [["AppProject", `${env}-infrastructure`], ["Application", `${env}-infrastructure`]] : []),
      ["AppProject", env],
      ["Application", `${env}-apps`],
    ];
    const manifests: Record<string, Manifest> = {};
    for (const [kind, name] of names) {
      // An Application waits for its AppProject (created just before it).
      const projectName = name === `${env}-apps` ? env : name;
      const dependency = kind === "Application" ? manifests[`AppProject/${projectName}`] : undefined;
      const object: unknown = Lazy.anyValue({ produce: () => terraformLiterals(this.objects.find((o) => o.kind === kind && o.metadata.name === name)) });
      manifests[`${kind}/${name}`] = new Manifest(this, `${kind}-${name}`, {
        manifest: object as Record<string, unknown>,
        fieldManager: { name: "cdktf-gitops", forceConflicts: true },
        dependsOn: dependency ? [dependency] : undefined,
      });
    }
    return manifests;
  }
}

const DEFAULT_RETRY: ArgoCdRetry = { limit: 5, duration: "5s", factor: 2, maxDuration: "3m" };

/** Every problem of the props, as `path: what is wrong; fix`. */
function argoCdSyncProblems(at: string, props: ArgoCdSyncProps, namespace: string, retry: ArgoCdRetry): string[] {
  const env = props.environment;
  const problems: string[] = [];
  if (!isDnsLabel(env, 40)) problems.push(`${at}: environment "${env}" is not a valid name prefix; use 1-40 lower-case letters, digits and hyphens, starting and ending with a letter or digit`);
  if (!isDnsLabel(namespace)) problems.push(`${at}: argoCdNamespace "${namespace}" is not a kubernetes namespace name; ${DNS_LABEL_RULE}`);
  for (const ns of props.appNamespaces ?? []) {
    if (!isDnsLabel(ns)) problems.push(`${at}: appNamespaces contains "${ns}", which is not a kubernetes namespace name; ${DNS_LABEL_RULE}`);
    if (PLATFORM_NAMESPACES.includes(ns) || ns === namespace) problems.push(`${at}: appNamespaces contains "${ns}", a platform namespace, where apps must not deploy; list the namespaces of the apps only`);
  }
  if (props.appNamespaces !== undefined && props.appNamespaces.length === 0) {
    problems.push(`${at}: appNamespaces is empty; list the namespaces of the environment's apps, or leave it unset`);
  }
  if (!Number.isInteger(retry.limit) || retry.limit < 1) problems.push(`${at}: retry.limit ${retry.limit} is not valid; use a whole number of at least 1`);
  if (!Number.isInteger(retry.factor) || retry.factor < 1) problems.push(`${at}: retry.factor ${retry.factor} is not valid; use a whole number of at least 1 (argo cd takes an integer)`);
  for (const [field, value] of [["duration", retry.duration], ["maxDuration", retry.maxDuration]] as const) {
    if (!Duration.parse(value)) problems.push(`${at}: retry.${field} "${value}" is not a duration; ${durationFix({}, "5s")}`);
  }
  return problems;
}
