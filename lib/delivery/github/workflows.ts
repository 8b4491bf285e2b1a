import { PipelineModel } from "../pipeline-model";
import { GENERATED_HEADER, pipelineYaml } from "../pipeline-yaml";
import { mainWorkflow } from "./main-workflow";
import { driftWorkflow, promoteWorkflow, rollbackWorkflow } from "./operations-workflows";
import { pullRequestWorkflow } from "./pull-request-workflow";

/** The GitHub Actions workflows of a platform: file name (in `.github/workflows/`) → YAML text. */
export function githubWorkflows(model: PipelineModel): Record<string, string> {
  const header = [GENERATED_HEADER];
  return {
    "drift.yml": pipelineYaml(header, driftWorkflow(model)),
    "main.yml": pipelineYaml(header, mainWorkflow(model)),
    "promote.yml": pipelineYaml(header, promoteWorkflow(model)),
    "pull-request.yml": pipelineYaml(header, pullRequestWorkflow(model)),
    "rollback.yml": pipelineYaml(header, rollbackWorkflow(model)),
  };
}
