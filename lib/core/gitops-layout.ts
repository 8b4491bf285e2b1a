/**
 * The layout of the GitOps repository (the published artifact) and of the GitOps part of `cdktf.out`:
 *
 * ```
 * environments/<env>/terraform/<stack>/cdk.tf.json
 * environments/<env>/apps/<app>/<kind>-<name>.yaml     (+ apps/kustomization.yaml, apps/<app>/kustomization.yaml)
 * environments/<env>/infrastructure/...
 * environments/<env>/release.json
 * environments/<env>/environment.json
 * bootstrap/terraform/<stack>/cdk.tf.json              (stacks without an environment)
 * ```
 *
 * `cdktf.out/gitops/<env>/...` holds what is published below `environments/<env>/`.
 */

/** Folder of every environment in the GitOps repository. */
export const ENVIRONMENTS_FOLDER = "environments";
/** Folder of stacks without an environment (the `state` bootstrap stack) in the GitOps repository. */
export const BOOTSTRAP_FOLDER = "bootstrap";
/** Folder of an environment's Terraform stacks, inside its folder. */
export const TERRAFORM_FOLDER = "terraform";
/** Folder of the apps layer inside an environment's folder: one sub-folder per app, a kustomize directory. */
export const APPS_FOLDER = "apps";
/** Folder of the infrastructure layer (cluster-level objects, synced before the apps) inside an environment's folder. */
export const INFRASTRUCTURE_FOLDER = "infrastructure";
/** Name of the per-environment release file: pinned digests, source commit, stacks in apply order. */
export const RELEASE_FILE = "release.json";
/** Name of the per-environment descriptor: tier, sync engine and promotion source. */
export const ENVIRONMENT_DESCRIPTOR_FILE = "environment.json";
/** Name of a kustomize directory's file. */
export const KUSTOMIZATION_FILE_NAME = "kustomization.yaml";
/** Folder of the GitOps manifests inside the cdktf output folder (`cdktf.out/gitops/<env>/...`). */
export const GITOPS_OUTPUT_FOLDER = "gitops";

/** An environment's folder in the GitOps repository: `environments/<env>`. */
export function environmentFolder(environment: string): string {
  return `${ENVIRONMENTS_FOLDER}/${environment}`;
}

/** An environment's apps layer in the GitOps repository: `environments/<env>/apps`. */
export function appsPath(environment: string): string {
  return `${environmentFolder(environment)}/${APPS_FOLDER}`;
}

/** An environment's infrastructure layer in the GitOps repository: `environments/<env>/infrastructure`. */
export function infrastructurePath(environment: string): string {
  return `${environmentFolder(environment)}/${INFRASTRUCTURE_FOLDER}`;
}

/** An app's folder inside its environment's folder: `apps/<app>`. */
export function appFolder(app: string): string {
  return `${APPS_FOLDER}/${app}`;
}
