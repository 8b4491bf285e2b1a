import { INFRASTRUCTURE_FOLDER } from "../core/gitops-layout";
import { MANAGED_BY_LABELS } from "../core/labels";
import { PLATFORM_NAMESPACES } from "../core/namespaces";
import { compareStrings } from "../core/sorting";
import { KubernetesObject, kubernetesObjectProblem } from "../kubernetes/kubernetes-object";
import type { ArgoCdGroupKind, ArgoCdRetry, ArgoCdSyncProps } from "./argo-cd-sync";

/** The in-cluster API server address Argo CD deploys to. */
export const IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

/** The AppProjects and Applications of an environment, and their problems. */
export interface BuiltObjects {
  readonly objects: readonly KubernetesObject[];
  readonly problems: readonly string[];
}

/** Builds the AppProjects and Applications of one environment from the props (validated). */
export class ArgoCdObjects {
  private readonly labels: Record<string, string>;
  private readonly syncPolicy: object;

  constructor(
    private readonly at: string,
    private readonly props: ArgoCdSyncProps,
    private readonly namespace: string,
    retry: ArgoCdRetry,
  ) {
    this.labels = { ...MANAGED_BY_LABELS, "app.kubernetes.io/part-of": props.environment };
    this.syncPolicy = {
      automated: { prune: props.prune ?? true, selfHeal: props.selfHeal ?? true, allowEmpty: false },
      retry: { limit: retry.limit, backoff: { duration: retry.duration, factor: retry.factor, maxDuration: retry.maxDuration } },
      syncOptions: ["PrunePropagationPolicy=foreground", "PruneLast=true", "ApplyOutOfSyncOnly=true"],
    };
  }

  /** The objects, projects before their applications, and every problem of the apps layer's namespaces and of the objects' Argo CD schemas. */
  build(): BuiltObjects {
    const problems: string[] = [];
    const objects = [...this.infrastructureObjects(), ...this.appsObjects(problems)];
    for (const object of objects) {
      const problem = kubernetesObjectProblem(object, this.at);
      if (problem !== undefined) problems.push(problem);
    }
    return { objects, problems };
  }

  /** The `<env>-infrastructure` AppProject and Application, limited to the infrastructure objects' kinds and namespaces. */
  private infrastructureObjects(): KubernetesObject[] {
    const { environment: env, source } = this.props;
    if (!this.props.infrastructureObjects) return [];
    const infra = this.props.infrastructureObjects.objects;
    const infraNamespaces = namespacesOf(infra);
    const destinations = infraNamespaces.length > 0 ? infraNamespaces : ["default"];
    const clusterKinds = uniqueGroupKinds(infra.filter((o) => !o.metadata.namespace));
    const path = this.props.infrastructurePath ?? [source.environmentPath, INFRASTRUCTURE_FOLDER].filter(Boolean).join("/");
    // The infrastructure layer is a plain folder, synced recursively.
    return [
      this.project(`${env}-infrastructure`, `cluster-level objects of ${env}, managed by cdktf-gitops`, destinations, clusterKinds),
      this.application(`${env}-infrastructure`, `${env}-infrastructure`, path, destinations[0], { directory: { recurse: true } }),
    ];
  }

  /** The apps AppProject (`<env>`) and Application (`<env>-apps`). */
  private appsObjects(problems: string[]): KubernetesObject[] {
    const { environment: env, source } = this.props;
    const namespace = this.namespace;
    const derived = this.props.appObjects ? namespacesOf(this.props.appObjects.objects) : [];
    for (const ns of derived) {
      if (PLATFORM_NAMESPACES.includes(ns) || ns === namespace) problems.push(`${this.at}: an app object is in "${ns}", a platform namespace, where apps must not deploy; move the object to its app's namespace`);
    }
    const appNamespaces = this.props.appNamespaces ?? (derived.length > 0 ? derived : undefined);
    const denyPlatform = [...[...PLATFORM_NAMESPACES, namespace].filter((ns, i, all) => all.indexOf(ns) === i).map((ns) => `!${ns}`), "*"];
    const appPatches = (this.props.appPatches ?? []).map((p) => ({ patch: p.patch, target: { ...p.target } }));
    // The apps layer is a kustomize directory: Argo CD detects kustomize from its kustomization.yaml, and the patches need it.
    const sourceType = appPatches.length > 0 ? { kustomize: { patches: appPatches } } : {};
    return [
      this.project(env, `apps of ${env}, managed by cdktf-gitops`, appNamespaces ?? denyPlatform, this.props.appClusterResources ?? [{ group: "", kind: "Namespace" }]),
      this.application(`${env}-apps`, env, source.path, appNamespaces?.[0] ?? "default", sourceType),
    ];
  }

  private application(name: string, project: string, path: string, destinationNamespace: string, sourceType: object): KubernetesObject {
    const source = this.props.source;
    return {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name, namespace: this.namespace, labels: this.labels, finalizers: ["resources-finalizer.argocd.argoproj.io"] },
      spec: {
        project,
        source: { repoURL: source.url, targetRevision: source.branch, path, ...sourceType },
        // Objects carry their own namespaces; the destination namespace is only the fallback and must be permitted.
        destination: { server: IN_CLUSTER_SERVER, namespace: destinationNamespace },
        syncPolicy: this.syncPolicy,
      },
    };
  }

  private project(name: string, description: string, namespaces: readonly string[], clusterResources: readonly ArgoCdGroupKind[]): KubernetesObject {
    return {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AppProject",
      metadata: { name, namespace: this.namespace, labels: this.labels },
      spec: {
        description,
        sourceRepos: [this.props.source.url],
        destinations: namespaces.map((namespace) => ({ server: IN_CLUSTER_SERVER, namespace })),
        clusterResourceWhitelist: clusterResources.map((r) => ({ group: r.group, kind: r.kind })),
        orphanedResources: { warn: true },
      },
    };
  }
}

/** The namespaces an app's objects live in or create, sorted. */
function namespacesOf(objects: readonly KubernetesObject[]): string[] {
  const names = objects.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : o.apiVersion === "v1" && o.kind === "Namespace" ? [o.metadata.name] : []));
  return [...new Set(names)].sort();
}

function uniqueGroupKinds(objects: readonly KubernetesObject[]): ArgoCdGroupKind[] {
  const seen = new Map<string, ArgoCdGroupKind>();
  for (const object of objects) {
    const group = object.apiVersion.includes("/") ? object.apiVersion.slice(0, object.apiVersion.lastIndexOf("/")) : "";
    seen.set(`${group}/${object.kind}`, { group, kind: object.kind });
  }
  return [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, value]) => value);
}
