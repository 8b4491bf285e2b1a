import { PipelineEnvironment, PipelineModel } from "../pipeline-model";
import { GENERATED_HEADER, PipelineValue, pipelineYaml } from "../pipeline-yaml";
import { driftStages, operationsPipeline } from "./operations-pipelines";
import { annotationStep, azureStep, deploymentJob, download, gitopsStep, pool, toolSteps, WORK, WORK_ARTIFACT } from "./steps";

/**
 * Azure Pipelines YAML for a platform whose CI is Azure DevOps: the same flows as the GitHub workflows. Stages per
 * environment; plan jobs sign in with the `<project>-<env>-plan` workload identity federation service connection,
 * apply and release are `deployment` jobs on the Azure DevOps environment `<env>` (its approvals and checks are the
 * gate) with `<project>-<env>-apply`; the plan artifact is applied exactly; drift runs on a schedule. Values reach
 * scripts through `env:`, never through `$(...)` macros inside scripts.
 */

function synthJob(model: PipelineModel): Record<string, PipelineValue> {
  return {
    job: "synth",
    displayName: "synth",
    steps: [
      ...toolSteps(model, false),
      { script: `npx cdktf-gitops synth --out "$WORK/cdktf.out"`, displayName: "Synthesize", env: { WORK } },
      {
        ...gitopsStep(
        model,
        "Release diff and touched stacks",
        [
          `mkdir -p "$WORK/changes"`,
          `npx cdktf-gitops diff --out "$WORK/cdktf.out" --repo "$GITOPS_REPO" --json > "$WORK/changes/diff.json"`,
          "for env in $ENVIRONMENTS; do",
          `  npx cdktf-gitops changed-stacks --env "$env" --out "$WORK/cdktf.out" --repo "$GITOPS_REPO" --json > "$WORK/changes/$env.json"`,
          `  echo "##vso[task.setvariable variable=\${env}_publish;isOutput=true]$(jq -r --arg env "$env" '[.environments[] | select(.environment == $env)] | length > 0' "$WORK/changes/diff.json")"`,
          `  jq -r --arg env "$env" '.layers | to_entries[] | "##vso[task.setvariable variable=\\($env)_layer_\\(.key);isOutput=true]\\(.value | length > 0)"' "$WORK/changes/$env.json"`,
          "done",
        ].join("\n"),
        { ENVIRONMENTS: model.environments.map((e) => e.name).join(" ") },
        ),
        name: "changes",
      },
      // Downloaded by later jobs to $(Pipeline.Workspace)/<artifact>, which is WORK again.
      { publish: WORK, artifact: WORK_ARTIFACT, displayName: "Keep the synthesized output" },
    ],
  };
}

const touched = (env: string, layer: number): string => `eq(stageDependencies.synth.synth.outputs['changes.${env}_layer_${layer}'], 'true')`;

/** One layer: a plan job (plan service connection) and a deployment job that applies the plan artifact exactly. */
function layerJobs(model: PipelineModel, env: PipelineEnvironment, layer: number): PipelineValue[] {
  const planJob = `plan_${layer}`;
  const selection = `--env "$ENVIRONMENT" --out "$WORK/cdktf.out" --changes "$WORK/changes/$ENVIRONMENT.json" --layer "$LAYER" --plans "$WORK/plans-${layer}"`;
  const common = [...toolSteps(model, true), download(WORK_ARTIFACT)];
  return [
    {
      job: planJob,
      displayName: `plan ${env.name} layer ${layer}`,
      dependsOn: layer === 0 ? [] : [`apply_${layer - 1}`],
      condition: `and(not(failed()), not(canceled()), ${touched(env.name, layer)})`,
      steps: [
        ...common,
        {
          ...azureStep(model, env, "plan", "Plan", [`npx cdktf-gitops stacks plan ${selection}`, `echo "##vso[task.setvariable variable=changes;isOutput=true]$(jq -r 'any(.[]; .result == "changes")' "$WORK/plans-${layer}/plans.json")"`].join("\n"), { LAYER: String(layer) }),
          name: "plan",
        },
        { publish: `${WORK}/plans-${layer}`, artifact: `plan-${env.name}-${layer}`, displayName: "Keep the plan files" },
      ],
    },
    deploymentJob(
      { deployment: `apply_${layer}`, displayName: `apply ${env.name} layer ${layer}`, dependsOn: [planJob], condition: `and(not(failed()), not(canceled()), eq(dependencies.${planJob}.outputs['plan.changes'], 'true'))` },
      env.name,
      [...common, download(`plan-${env.name}-${layer}`), azureStep(model, env, "apply", "Apply the reviewed plans", `cp -R "$(dirname "$WORK")/plan-${env.name}-${layer}" "$WORK/plans-${layer}"\nnpx cdktf-gitops stacks apply ${selection}`, { LAYER: String(layer) })],
    ),
  ];
}

function releaseJob(model: PipelineModel, env: PipelineEnvironment): PipelineValue {
  const last = `apply_${env.layers - 1}`;
  const job = { deployment: "release", displayName: `release ${env.name}`, dependsOn: [last], condition: `and(not(failed()), not(canceled()), eq(stageDependencies.synth.synth.outputs['changes.${env.name}_publish'], 'true'))` };
  return deploymentJob(job, env.name, [
    ...toolSteps(model, false),
    download(WORK_ARTIFACT),
    gitopsStep(model, "Publish and verify", [`npx cdktf-gitops publish --env "$ENVIRONMENT" --out "$WORK/cdktf.out" --repo "$GITOPS_REPO" --json > "$WORK/publish.json"`, `npx cdktf-gitops verify --env "$ENVIRONMENT" --out "$WORK/cdktf.out" --repo "$GITOPS_REPO"`].join("\n"), { ENVIRONMENT: env.name }),
    annotationStep(model, env, "publish.json", "cdktf-gitops release"),
  ]);
}

function environmentStages(model: PipelineModel, mode: "main" | "pull-request"): PipelineValue[] {
  return model.environments.map((env) => {
    if (mode === "pull-request") {
      return {
        stage: `plan_${env.name}`,
        displayName: `plan ${env.name}`,
        dependsOn: ["synth"],
        jobs: [
          {
            job: "plan",
            steps: [
              ...toolSteps(model, true),
              download(WORK_ARTIFACT),
              azureStep(model, env, "plan", "Plan the stacks whose plan is final now", `npx cdktf-gitops stacks plan --env "$ENVIRONMENT" --out "$WORK/cdktf.out" --changes "$WORK/changes/$ENVIRONMENT.json" --ready --plans "$WORK/plans/$ENVIRONMENT"\nrm -f "$WORK/plans/$ENVIRONMENT"/*.tfplan`),
              { publish: `${WORK}/plans/${env.name}`, artifact: `plans-${env.name}`, displayName: "Keep the plan text", condition: "always()" },
            ],
          },
        ],
      };
    }
    const jobs: PipelineValue[] = [];
    for (let layer = 0; layer < env.layers; layer++) jobs.push(...layerJobs(model, env, layer));
    jobs.push(releaseJob(model, env));
    return { stage: env.name, displayName: env.name, dependsOn: ["synth", ...(env.promotesFrom ? [env.promotesFrom] : [])], condition: "and(not(failed()), not(canceled()))", jobs };
  });
}

export function azurePipelines(model: PipelineModel): Record<string, string> {
  const header = [GENERATED_HEADER];
  const base = { pool: pool(model) };
  const synthStage = { stage: "synth", jobs: [synthJob(model)] };
  const testStage = { stage: "test", dependsOn: [], jobs: [{ job: "test", displayName: "cdktf-gitops test", steps: [...toolSteps(model, false), { script: "npm test", displayName: "Test" }, { script: "npx cdktf-gitops pipelines check", displayName: "Generated pipelines are up to date" }] }] };
  const reportStage = {
    stage: "report",
    displayName: "cdktf-gitops plan",
    dependsOn: ["synth", ...model.environments.map((e) => `plan_${e.name}`)],
    condition: "succeededOrFailed()",
    jobs: [
      {
        job: "report",
        steps: [
          ...toolSteps(model, false),
          download(WORK_ARTIFACT),
          ...model.environments.map((e) => ({ download: "current", artifact: `plans-${e.name}`, displayName: `Download plans-${e.name}`, condition: "always()" })),
          {
            bash: [
              "set -euo pipefail",
              `mkdir -p "$WORK/plans"`,
              `for env in $ENVIRONMENTS; do if [ -d "$PIPELINE_WORKSPACE/plans-$env" ]; then cp -R "$PIPELINE_WORKSPACE/plans-$env" "$WORK/plans/plans-$env"; fi; done`,
              `npx cdktf-gitops pr-comment --changes "$WORK/changes" --plans "$WORK/plans" --out "$WORK/cdktf.out" --comment "$WORK/comment.md" --full "$WORK/plan-report.md"`,
              `echo "##vso[task.uploadsummary]$WORK/plan-report.md"`,
              "",
            ].join("\n"),
            displayName: "Plan report in the run's summary",
            env: { WORK, ENVIRONMENTS: model.environments.map((e) => e.name).join(" ") },
          },
        ],
      },
    ],
  };
  return {
    "drift.yml": pipelineYaml(header, { trigger: "none", pr: "none", schedules: [{ cron: "17 4 * * *", displayName: "nightly drift check", branches: { include: ["main"] }, always: true }], ...base, stages: driftStages(model) }),
    "main.yml": pipelineYaml(header, { trigger: { branches: { include: ["main"] } }, pr: "none", ...base, stages: [synthStage, ...environmentStages(model, "main")] }),
    "promote.yml": pipelineYaml(header, operationsPipeline(model, "promote")),
    "pull-request.yml": pipelineYaml(header, { trigger: "none", pr: { branches: { include: ["main"] } }, ...base, stages: [testStage, synthStage, ...environmentStages(model, "pull-request"), reportStage] }),
    "rollback.yml": pipelineYaml(header, operationsPipeline(model, "rollback")),
  };
}
