import * as fs from "fs";
import * as path from "path";
import { TerraformStack } from "cdktf";
import { addFileSynthesis } from "../core/file-synthesis";
import { Construct } from "constructs";
import { GraphStack } from "../core/stack-graph";
import { Platform } from "../environment/resolve-platform";
import { githubWorkflows } from "./github/workflows";
import { pipelineModel } from "./pipeline-model";

/** Where synth writes the generated pipelines, below the output folder. */
export const PIPELINES_OUTPUT_FOLDER = "pipelines";
/** Folder of each CI system's files below `cdktf.out/pipelines/`, and where they go in the infra repository. */
export const PIPELINE_FOLDERS = {
  github: { output: "github/.github/workflows", repository: ".github/workflows" },
  "azure-devops": { output: "azure-devops", repository: "azure-pipelines" },
} as const;

/** The stack graph of the app `scope` belongs to: every TerraformStack and the stacks it depends on. */
export function appStackGraph(scope: Construct): GraphStack[] {
  return scope.node.root.node.children
    .filter((child): child is TerraformStack => TerraformStack.isStack(child))
    .map((stack) => ({ name: stack.node.id, dependsOn: stack.dependencies.map((d) => d.node.id).sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The pipeline files of a platform for its CI system: path below `cdktf.out/pipelines/` → text. */
export function renderPipelines(platform: Platform, stacks: readonly GraphStack[]): Record<string, string> {
  const model = pipelineModel(platform, stacks);
  const ci = model.delivery.ci;
  const files = ci === "github" ? githubWorkflows(model) : azurePipelinesOf(model);
  const folder = PIPELINE_FOLDERS[ci].output;
  return Object.fromEntries(Object.entries(files).map(([file, text]) => [`${folder}/${file}`, text]));
}

// Azure Pipelines generation is loaded only for platforms that use it.
function azurePipelinesOf(model: ReturnType<typeof pipelineModel>): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { azurePipelines } = require("./azure-devops/pipelines") as typeof import("./azure-devops/pipelines");
  return azurePipelines(model);
}

/** Props of a `PipelineFiles`. */
export interface PipelineFilesProps {
  /** The validated platform (with delivery settings). */
  readonly platform: Platform;
}

/**
 * Writes the platform's generated pipelines to `<outdir>/pipelines/` at synth time, from the stack graph as it is
 * then (so stacks added after `buildPlatform` are part of it). The folder is replaced on every synth.
 */
export class PipelineFiles extends Construct {
  constructor(scope: Construct, id: string, props: PipelineFilesProps) {
    super(scope, id);
    addFileSynthesis(this, (session) => {
      const root = path.join(session.outdir, PIPELINES_OUTPUT_FOLDER);
      fs.rmSync(root, { recursive: true, force: true });
      for (const [file, text] of Object.entries(renderPipelines(props.platform, appStackGraph(this)))) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
    });
  }
}
