import { AzureReposRepository } from "../../environment/delivery-spec";
import { PipelineModel } from "../pipeline-model";
import { PipelineValue } from "../pipeline-yaml";
import { annotationStep, azureStep, deploymentJob, gitopsStep, pool, toolSteps, WORK } from "./steps";

/** The Azure Pipelines that run on a schedule or on demand: drift, promote, rollback. */

export function driftStages(model: PipelineModel): PipelineValue[] {
  return model.environments.map((env) => ({
    stage: `drift_${env.name}`,
    displayName: `drift ${env.name}`,
    dependsOn: [],
    jobs: [
      {
        job: "drift",
        steps: [
          ...toolSteps(model, true),
          { script: `npx cdktf-gitops synth --out "$WORK/cdktf.out"`, displayName: "Synthesize", env: { WORK } },
          azureStep(model, env, "plan", "Plan every stack (-detailed-exitcode)", `npx cdktf-gitops stacks plan --env "$ENVIRONMENT" --out "$WORK/cdktf.out" --all --plans "$WORK/drift"`),
          { ...gitopsStep(model, "Verify the GitOps repository", `npx cdktf-gitops verify --env "$ENVIRONMENT" --out "$WORK/cdktf.out" --repo "$GITOPS_REPO"`, { ENVIRONMENT: env.name }), condition: "always()" },
        ],
      },
    ],
  }));
}

/** `promote.yml` or `rollback.yml`. */
export function operationsPipeline(model: PipelineModel, kind: "promote" | "rollback"): Record<string, PipelineValue> {
  return kind === "rollback" ? rollbackPipeline(model) : promotePipeline(model);
}

/** `rollback.yml`: on demand, a deployment job (apply environment) in the stage of the chosen environment. */
function rollbackPipeline(model: PipelineModel): Record<string, PipelineValue> {
  return {
    trigger: "none",
    pr: "none",
    parameters: [
      { name: "environment", type: "string", values: model.environments.map((e) => e.name) },
      { name: "to", type: "string", default: " " },
      { name: "steps", type: "string", default: " " },
    ],
    pool: pool(model),
    stages: model.environments.map((env) => ({
      stage: env.name,
      condition: `eq('\${{ parameters.environment }}', '${env.name}')`,
      jobs: [
        deploymentJob({ deployment: "rollback" }, env.name, [
          ...toolSteps(model, false),
          gitopsStep(model, "Roll back", `mkdir -p "$WORK"\nto="$(echo "$TO" | xargs)"; steps="$(echo "$STEPS" | xargs)"\nnpx cdktf-gitops rollback --env "$ENVIRONMENT" \${to:+--to "$to"} \${steps:+--steps "$steps"} --repo "$GITOPS_REPO" --json > "$WORK/rollback.json"`, {
            ENVIRONMENT: env.name,
            TO: "${{ parameters.to }}",
            STEPS: "${{ parameters.steps }}",
          }),
          annotationStep(model, env, "rollback.json", "cdktf-gitops rollback"),
        ]),
      ],
    })),
  };
}

/** `promote.yml`: on demand, copy pinned digests from one environment to another and open a pull request. */
function promotePipeline(model: PipelineModel): Record<string, PipelineValue> {
  const names = model.environments.map((e) => e.name);
  const repository = model.delivery.infraRepository as AzureReposRepository;
  return {
    trigger: "none",
    pr: "none",
    parameters: [
      { name: "from", type: "string", values: names },
      { name: "to", type: "string", values: names },
      { name: "apps", type: "string", default: " " },
    ],
    pool: pool(model),
    jobs: [
      {
        job: "promote",
        steps: [
          { checkout: "self", persistCredentials: true },
          ...toolSteps(model, false).slice(1),
          gitopsStep(
            model,
            "Promote and open a pull request",
            [
              `apps="$(echo "$APPS" | xargs)"; branch="promote/$TO-$BUILD_BUILDID"`,
              `mkdir -p "$WORK"`,
              `npx cdktf-gitops promote --from "$FROM" --to "$TO" \${apps:+--app "$apps"} --repo "$GITOPS_REPO" --json > "$WORK/promote.json"`,
              `if [ "$(jq -r .written "$WORK/promote.json")" != "true" ]; then echo "$TO already runs these pins"; exit 0; fi`,
              `git switch -c "$branch" && git add -- "$(jq -r .pinsFile "$WORK/promote.json")"`,
              `git -c user.name="cdktf-gitops" -c user.email="cdktf-gitops@pipelines" commit -m "Promote $FROM to $TO" && git push origin "$branch"`,
              `az repos pr create --organization "$ORGANIZATION_URL" --project "$PROJECT" --repository "$REPOSITORY" --source-branch "$branch" --target-branch main --title "Promote $FROM to $TO"`,
            ].join("\n"),
            { FROM: "${{ parameters.from }}", TO: "${{ parameters.to }}", APPS: "${{ parameters.apps }}", AZURE_DEVOPS_EXT_PAT: "$(System.AccessToken)", ORGANIZATION_URL: `https://dev.azure.com/${repository.organization}`, PROJECT: repository.project, REPOSITORY: repository.repository },
          ),
        ],
      },
    ],
  };
}

/** The Azure Pipelines files of a platform: file name (in `azure-pipelines/`) → YAML text. */
