import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { toYaml, YamlValue } from "../kubernetes/to-yaml";
import { GitSource } from "./git-source";
import { MANAGED_BY_LABELS } from "../core/labels";
import { terraformLiteral } from "../core/terraform-literal";
import { DNS_LABEL_RULE, isDnsLabel } from "../core/kubernetes-names";

/** The argo-cd Helm chart version the library pins by default (Argo CD 3.2). */
export const ARGO_CD_CHART_VERSION = "9.3.1";
/** The Helm repository of the Argo project charts. */
export const ARGO_HELM_REPOSITORY = "https://argoproj.github.io/argo-helm";

/** CPU and memory requests and limits of a container. */
export interface ContainerResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** The Argo CD components whose resources the library sets. */
export type ArgoCdComponent = "controller" | "server" | "repoServer" | "applicationSet" | "notifications" | "redis";

/** Default requests and limits of each Argo CD component. */
export const ARGO_CD_DEFAULT_RESOURCES: Readonly<Record<ArgoCdComponent, ContainerResources>> = {
  controller: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } },
  server: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  repoServer: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  applicationSet: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
  notifications: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
  redis: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
};

/** Props of an `ArgoCd`. */
export interface ArgoCdProps {
  /** The GitOps repository; its credentials (when not public) become an Argo CD repository secret. */
  readonly source: GitSource;
  /**
   * Run Argo CD highly available: redis-ha, two replicas of server, repo server and ApplicationSet
   * controller, each with a pod disruption budget keeping one pod available. Needs at least three nodes.
   * @default false
   */
  readonly highAvailability?: boolean;
  /**
   * Version of the argo-cd chart.
   * @default ARGO_CD_CHART_VERSION
   */
  readonly chartVersion?: string;
  /**
   * Namespace of Argo CD.
   * @default "argocd"
   */
  readonly namespace?: string;
  /**
   * Requests and limits per component, replacing the defaults of the components named.
   * @default ARGO_CD_DEFAULT_RESOURCES
   */
  readonly resources?: Partial<Readonly<Record<ArgoCdComponent, ContainerResources>>>;
  /**
   * Enable the local `admin` user (off by default: use SSO, or `argocd --core` with Azure AD cluster access).
   * @default false
   */
  readonly adminUserEnabled?: boolean;
  /**
   * Further chart values, deep-merged over the library's (e.g. SSO in `configs.cm`). Never put a secret here.
   * @default - none
   */
  readonly values?: Readonly<Record<string, unknown>>;
}

/**
 * Argo CD installed with the argo-cd Helm chart (version pinned) into its own namespace: admin user off,
 * Dex off, deny-by-default RBAC, resource requests and limits on every component, HA on request, the
 * repository's poll interval as the reconciliation timeout. A private repository gets a repository secret
 * whose values are Key Vault references. Argo CD's own custom resources (AppProject, Application) are not
 * created here: their CRDs arrive with this release, so they live in a later stack (see `ArgoCdSync`).
 */
export class ArgoCd extends Construct {
  /** The Helm release (the main resource). */
  public readonly resource: Release;
  /** The Argo CD namespace. */
  public readonly namespace: NamespaceV1;
  /** Name of the Argo CD namespace. */
  public readonly namespaceName: string;
  /** The repository secret, for a private repository. */
  public readonly repositorySecret?: SecretV1;
  /** The chart values the library computed (without secret references). */
  public readonly values: Readonly<Record<string, unknown>>;

  constructor(scope: Construct, id: string, props: ArgoCdProps) {
    super(scope, id);
    const source = props.source;
    const chartVersion = props.chartVersion ?? ARGO_CD_CHART_VERSION;
    this.namespaceName = props.namespace ?? "argocd";
    assertArgoCdProps(this.node.path, chartVersion, this.namespaceName, props.resources);
    this.values = chartValues(source, props);

    this.namespace = new NamespaceV1(this, "Namespace", {
      metadata: {
        name: this.namespaceName,
        labels: { ...MANAGED_BY_LABELS, "pod-security.kubernetes.io/enforce": "baseline" },
      },
    });

    const values = [terraformLiteral(toYaml(this.values as YamlValue))];
    if (source.auth.kind === "ssh") {
      // The known_hosts line of the Git host is appended to Argo CD's known hosts; the value is a Key Vault reference.
      values.push(Fn.yamlencode({ configs: { ssh: { extraHosts: source.secretValue(source.auth.knownHostsSecretName) } } }));
    }
    this.resource = new Release(this, "Resource", {
      name: "argocd",
      repository: ARGO_HELM_REPOSITORY,
      chart: "argo-cd",
      version: chartVersion,
      namespace: this.namespace.metadata.name,
      createNamespace: false,
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      timeout: 900,
      maxHistory: 10,
      values,
    });
    this.repositorySecret = this.createRepositorySecret(source);
  }

  /** The Argo CD repository secret of a private repository, its values Key Vault references; none for a public one. */
  private createRepositorySecret(source: GitSource): SecretV1 | undefined {
    const auth = source.auth;
    if (auth.kind === "public") return undefined;
    const credentials: Record<string, string> =
      auth.kind === "ssh"
        ? { sshPrivateKey: source.secretValue(auth.privateKeySecretName) }
        : { username: source.secretValue(auth.usernameSecretName), password: source.secretValue(auth.passwordSecretName) };
    return new SecretV1(this, "RepositorySecret", {
      metadata: {
        name: "gitops-repository",
        namespace: this.namespace.metadata.name,
        labels: { "argocd.argoproj.io/secret-type": "repository", ...MANAGED_BY_LABELS },
      },
      type: "Opaque",
      data: { type: "git", url: terraformLiteral(source.url), ...credentials },
    });
  }
}

/** Throws on a chart version that is not pinned, a bad namespace, or resources of an unknown or incomplete component. */
function assertArgoCdProps(at: string, chartVersion: string, namespace: string, resources: ArgoCdProps["resources"]): void {
  if (!/^\d+\.\d+\.\d+$/.test(chartVersion)) {
    throw new Error(`${at}: chartVersion "${chartVersion}" is not a pinned chart version; use MAJOR.MINOR.PATCH such as "${ARGO_CD_CHART_VERSION}"`);
  }
  if (!isDnsLabel(namespace)) {
    throw new Error(`${at}: namespace "${namespace}" is not a kubernetes namespace name; ${DNS_LABEL_RULE}, such as "argocd"`);
  }
  for (const [component, value] of Object.entries(resources ?? {})) {
    if (!(component in ARGO_CD_DEFAULT_RESOURCES)) {
      throw new Error(`${at}: resources names unknown component "${component}"; use ${Object.keys(ARGO_CD_DEFAULT_RESOURCES).join(", ")}`);
    }
    if (!value?.requests?.cpu || !value.requests.memory || !value.limits?.cpu || !value.limits.memory) {
      throw new Error(`${at}: resources.${component} needs requests and limits for both cpu and memory; give resources.${component} requests and limits with cpu and memory each`);
    }
  }
}

/** The chart values: the library's, the user's `values` deep-merged over them, and `admin.enabled` from the prop last. */
function chartValues(source: GitSource, props: ArgoCdProps): Readonly<Record<string, unknown>> {
  const ha = props.highAvailability ?? false;
  const resources = { ...ARGO_CD_DEFAULT_RESOURCES, ...props.resources };
  const replicas = ha ? 2 : 1;
  // The chart renders an enabled budget without minAvailable as `minAvailable: 0`, which protects nothing. The
  // single controller gets none: `minAvailable: 1` on one replica would block every node drain.
  const pdb = ha ? { enabled: true, minAvailable: 1 } : { enabled: false };
  const computed: Record<string, unknown> = {
    crds: { install: true, keep: true },
    dex: { enabled: false },
    configs: {
      cm: {
        "admin.enabled": false,
        "exec.enabled": false,
        "timeout.reconciliation": `${source.syncIntervalSeconds}s`,
      },
      params: { "controller.status.processors": ha ? 50 : 20, "controller.operation.processors": ha ? 25 : 10 },
      rbac: { "policy.default": "" },
    },
    controller: { replicas: 1, resources: resources.controller },
    server: { replicas, resources: resources.server, pdb },
    repoServer: { replicas, resources: resources.repoServer, pdb },
    applicationSet: { replicas, resources: resources.applicationSet, pdb },
    notifications: { resources: resources.notifications },
    redis: { resources: resources.redis },
    "redis-ha": ha ? { enabled: true, redis: { resources: resources.redis }, haproxy: { resources: resources.redis } } : { enabled: false },
  };
  const merged = deepMerge(computed, props.values ?? {});
  // The user's values may replace `configs` or `configs.cm` with anything; the prop has the last word.
  const configs = isPlainObject(merged.configs) ? merged.configs : (merged.configs = {});
  const cm = isPlainObject(configs.cm) ? configs.cm : (configs.cm = {});
  cm["admin.enabled"] = props.adminUserEnabled ?? false;
  return merged;
}

/** `over` deep-merged into a copy of `base`: objects merge key by key, everything else replaces. */
function deepMerge(base: Readonly<Record<string, unknown>>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
