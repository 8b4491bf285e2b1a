import * as path from "path";
import { AppSpec } from "../apps/app-spec";
import { assertValidApps } from "../apps/validate-apps";
import { EnvironmentSpec, PlatformSpec } from "../environment/environment-spec";
import { resolvePlatform } from "../environment/resolve-platform";
import { ReleaseError } from "../release/errors";
import { CiFlags, gitopsCloneUrl, ScaffoldDelivery, scaffoldDelivery } from "./init-ci";

/**
 * The sample app of a scaffold: nginx built to run as a non-root user on port 8080 (it writes only to /tmp,
 * which the library mounts as an emptyDir), pinned by the digest of its multi-architecture image index.
 */
export const SAMPLE_APP = {
  name: "hello",
  image: "docker.io/nginxinc/nginx-unprivileged:1.27-alpine@sha256:65e3e85dbaed8ba248841d9d58a899b6197106c23cb0ff1a132b7bfe0547e4c0",
  port: 8080,
  runAsUser: 101,
} as const;

/** Kubernetes version of the scaffold's cluster (an AKS-supported minor version; the reference platform's). */
export const SCAFFOLD_KUBERNETES_VERSION = "1.33";

/** Values of a scaffold that the team replaces with its own before the first `terraform apply`. */
export const SAMPLE_VALUES = {
  /** No group has the nil object id, so the cluster has no admins until it is set (apply fails, nothing is open). */
  adminGroup: "00000000-0000-0000-0000-000000000000",
  /** TEST-NET-3 (RFC 5737): never routed, so the API server is reachable from nowhere until it is set. */
  apiServerRanges: ["203.0.113.0/24"],
} as const;

/** Command-line choices of `init`. */
export interface InitChoices extends CiFlags {
  /** Project name (2-12 lower-case letters and digits). @default - from the folder name */
  readonly project?: string;
  /** Azure region of the dev environment. @default "westeurope" */
  readonly region?: string;
  /** Azure AD group (object id) of the cluster admins. @default SAMPLE_VALUES.adminGroup */
  readonly adminGroup?: string;
  /** CIDR ranges allowed to reach the AKS API server. @default SAMPLE_VALUES.apiServerRanges */
  readonly apiServerRanges?: readonly string[];
  /** Owner e-mail addresses. @default - platform-team@<project>.example */
  readonly owners?: readonly string[];
  /** URL Flux reads the GitOps repository from. @default - from --github / --azure-devops, else github.com/<project>/<project>-gitops */
  readonly gitopsUrl?: string;
  /** Azure AD tenant of the dev subscription (required with a CI flag). @default - none */
  readonly tenantId?: string;
  /** The subscription dev deploys to (required with a CI flag). @default - none */
  readonly subscriptionId?: string;
  /** Code owner of the library and pipeline files (GitHub `org/team`, or an Azure DevOps group): adds governance. @default - no governance */
  readonly platformTeam?: string;
  /** GitHub plan of the account owning the repositories (with `platformTeam`). @default - the governance default ("free") */
  readonly githubPlan?: string;
}

/** Everything a scaffold is made of, validated. */
export interface ScaffoldSpec {
  readonly project: string;
  readonly region: string;
  readonly adminGroup: string;
  readonly apiServerRanges: readonly string[];
  readonly owners: readonly string[];
  readonly gitopsUrl: string;
  readonly delivery?: ScaffoldDelivery;
  /** With `delivery`: the dev environment's tenant and subscription. */
  readonly environmentDelivery?: { readonly tenantId: string; readonly subscriptionId: string };
  /** With `delivery`: Terraform state in Azure (each pipeline job starts on a fresh runner). */
  readonly remoteState?: { readonly resourceGroupName: string; readonly storageAccountName: string; readonly location: string };
  /** With `delivery` and a platform team: the review rules (rulesets, environments, CODEOWNERS). */
  readonly governance?: { readonly platformTeam: string; readonly plan?: string };
  /** The names of the values still at their samples (the team must set them before applying). */
  readonly samples: readonly string[];
}

/** A project name from a folder name: lower-case letters and digits only, at most 12, starting with a letter. */
export function projectFromFolder(folder: string): string {
  const name = path.basename(path.resolve(folder)).toLowerCase().replace(/[^a-z0-9]/g, "").replace(/^[0-9]+/, "");
  return name.slice(0, 12);
}

/**
 * Resolves the choices into a scaffold spec and validates it with the library's own rules (the platform spec
 * `buildPlatform` will see, with the sample app pinned), so a bad flag fails before a file is written.
 */
export function scaffoldSpec(folder: string, choices: InitChoices): ScaffoldSpec {
  const project = choices.project ?? projectFromFolder(folder);
  if (project.length < 2) {
    throw new ReleaseError(`the folder name "${path.basename(path.resolve(folder))}" gives no project name; pass --name <project> (2-12 lower-case letters and digits)`);
  }
  const delivery = scaffoldDelivery(choices);
  if (!delivery && (choices.platformTeam !== undefined || choices.githubPlan !== undefined)) {
    throw new ReleaseError("--platform-team and --github-plan need --github or --azure-devops (governance reviews what the pipelines deploy)");
  }
  if (choices.githubPlan !== undefined && choices.platformTeam === undefined) throw new ReleaseError("--github-plan needs --platform-team (the code owner of the library and pipeline files)");
  if (delivery && (choices.tenantId === undefined || choices.subscriptionId === undefined)) {
    throw new ReleaseError(`--${delivery.ci} needs --tenant-id and --subscription-id of the dev environment (the pipeline deploys there): az account show --query "{tenant:tenantId, subscription:id}"`);
  }
  const spec: ScaffoldSpec = {
    project,
    region: choices.region ?? "westeurope",
    adminGroup: choices.adminGroup ?? SAMPLE_VALUES.adminGroup,
    apiServerRanges: choices.apiServerRanges ?? SAMPLE_VALUES.apiServerRanges,
    owners: choices.owners ?? [`platform-team@${project}.example`],
    gitopsUrl: choices.gitopsUrl ?? (delivery ? gitopsCloneUrl(delivery) : `https://github.com/${project}/${project}-gitops.git`),
    delivery,
    environmentDelivery: delivery ? { tenantId: choices.tenantId!, subscriptionId: choices.subscriptionId! } : undefined,
    governance: delivery && choices.platformTeam !== undefined ? { platformTeam: choices.platformTeam, ...(choices.githubPlan !== undefined ? { plan: choices.githubPlan } : {}) } : undefined,
    remoteState: delivery ? { resourceGroupName: `rg-${project}-tfstate`, storageAccountName: `st${project}tfstate`, location: choices.region ?? "westeurope" } : undefined,
    samples: [
      ...(choices.adminGroup === undefined ? ["ADMIN_GROUP"] : []),
      ...(choices.apiServerRanges === undefined ? ["API_SERVER_RANGES"] : []),
      ...(choices.owners === undefined ? ["OWNERS"] : []),
      ...(choices.gitopsUrl === undefined && delivery === undefined ? ["GITOPS_URL"] : []),
    ],
  };
  try {
    const platform = scaffoldPlatform(spec);
    resolvePlatform(platform);
    assertValidApps([scaffoldApp()], { dev: { [SAMPLE_APP.name]: SAMPLE_APP.image } }, ["dev"]);
  } catch (error) {
    throw new ReleaseError(`the scaffold would not synthesize with these options; fix them:\n${(error as Error).message}`);
  }
  return spec;
}

/** The dev environment of a scaffold (what `environments/dev.ts` says). */
export function scaffoldEnvironment(spec: ScaffoldSpec): EnvironmentSpec {
  return {
    name: "dev",
    location: spec.region,
    tier: "dev",
    addressSpace: "10.10.0.0/16",
    cluster: { kubernetesVersion: SCAFFOLD_KUBERNETES_VERSION, adminGroupObjectIds: [spec.adminGroup], apiServerAuthorizedIpRanges: spec.apiServerRanges },
    sync: "flux",
    gitops: { url: spec.gitopsUrl, branch: "main" },
    owners: spec.owners,
    ...(spec.environmentDelivery ? { delivery: spec.environmentDelivery } : {}),
  };
}

/** The platform of a scaffold (what `environments/index.ts` says). */
export function scaffoldPlatform(spec: ScaffoldSpec): PlatformSpec {
  return {
    project: spec.project,
    environments: [scaffoldEnvironment(spec)],
    ...(spec.remoteState ? { remoteState: spec.remoteState } : {}),
    ...(spec.delivery ? { delivery: spec.delivery } : {}),
    ...(spec.governance ? { governance: spec.governance as PlatformSpec["governance"] } : {}),
  };
}

/** The sample app (what `environments/apps.ts` says). */
export function scaffoldApp(): AppSpec {
  return {
    name: SAMPLE_APP.name,
    port: SAMPLE_APP.port,
    runAsUser: SAMPLE_APP.runAsUser,
    replicas: 1,
    probes: { readiness: { path: "/" }, liveness: { path: "/" } },
  };
}
