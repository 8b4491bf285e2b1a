import { addFileSynthesis } from "../core/file-synthesis";
import { Construct } from "constructs";
import { assertGitOpsFolder, writeGitOpsFiles } from "./gitops-manifests";
import { toYaml } from "./to-yaml";
import { KUSTOMIZATION_FILE_NAME } from "../core/gitops-layout";

/**
 * A kustomize patch (`patches[]` of a kustomization, or `spec.source.kustomize.patches` of an Argo CD
 * Application): an inline JSON 6902 or strategic merge patch and the objects it applies to.
 */
export interface KustomizePatch {
  /** The patch, inline: a JSON 6902 operation list (JSON or YAML) or a strategic merge patch. */
  readonly patch: string;
  /** The objects the patch applies to. */
  readonly target: {
    readonly group?: string;
    readonly version?: string;
    readonly kind?: string;
    readonly name?: string;
    readonly namespace?: string;
    readonly labelSelector?: string;
    readonly annotationSelector?: string;
  };
}

/** What a kustomization lists, read at synth time (so objects added after the file's construct count). */
export interface KustomizationResources {
  /** File names or sub-folders, relative to the kustomization's folder. */
  readonly resources: readonly string[];
}

/** Props of a `KustomizationFile`. */
export interface KustomizationFileProps {
  /** The environment the file belongs to. */
  readonly environment: string;
  /**
   * Folder inside the environment's folder of the GitOps repository, e.g. `apps` or `apps/web`. The file is
   * written to `<outdir>/gitops/<environment>/<folder>/kustomization.yaml` at synth time.
   */
  readonly folder: string;
  /** The files and sub-folders the kustomization lists. */
  readonly resources: KustomizationResources;
}

/**
 * A `kustomization.yaml` (`kustomize.config.k8s.io/v1beta1`) listing the files and sub-folders of one folder
 * of the GitOps repository, sorted, so Flux and Argo CD build the folder with kustomize (and Argo CD can apply
 * `kustomize.patches` to it). Identical input gives a byte-identical file.
 */
export class KustomizationFile extends Construct {
  /** The environment the file belongs to. */
  public readonly environment: string;
  /** Folder inside the environment's folder, e.g. `apps/web`. */
  public readonly folder: string;
  private readonly resources: KustomizationResources;

  constructor(scope: Construct, id: string, props: KustomizationFileProps) {
    super(scope, id);
    assertGitOpsFolder(this.node.path, props.folder);
    this.environment = props.environment;
    this.folder = props.folder;
    this.resources = props.resources;
    addFileSynthesis(this, (session) => writeGitOpsFiles(session, this.render()));
  }

  /** The file: path relative to `<outdir>/gitops/` → YAML text. Throws when a resource is not a relative path inside the folder. */
  public render(): Record<string, string> {
    const resources = [...new Set(this.resources.resources)].sort();
    for (const resource of resources) {
      if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(resource) || resource.split("/").some((part) => part === "." || part === "..")) {
        throw new Error(`${this.node.path}: resource "${resource}" is not a relative path inside ${this.folder}; list file names or sub-folders such as "deployment-web.yaml"`);
      }
    }
    const kustomization = { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources };
    return { [`${this.environment}/${this.folder}/${KUSTOMIZATION_FILE_NAME}`]: toYaml(kustomization) };
  }

}
