import { PipelineEnvironment, PipelineModel } from "../pipeline-model";
import { PipelineValue } from "../pipeline-yaml";
import { azureLoginStep, checkoutStep, downloadStep, expr, gitopsAuthScript, gitopsEnv, gitopsTokenSteps, grafanaAnnotationStep, kubeloginStep, nodeSteps, terraformEnv, terraformStep, uploadStep, WORK_DIR, WORK_PATH } from "./actions";
import { environmentJob, synthJob } from "./jobs";

/** Job ids of the main workflow. */
export const mainJobIds = {
  plan: (environment: string, layer: number): string => `plan-${environment}-${layer}`,
  apply: (environment: string, layer: number): string => `apply-${environment}-${layer}`,
  release: (environment: string): string => `release-${environment}`,
};

/** Runs unless something upstream failed or the run was cancelled (a skipped upstream job does not stop it). */
const continuing = (condition: string): string => `!cancelled() && !failure() && ${condition}`;

/**
 * `main.yml`: on every push to main, one synth, then per environment in promotion order, layer by layer: plan the
 * layer's touched stacks (plan identity), apply exactly those plan files (apply identity, the `<env>` environment's
 * approvals), then publish the release to the GitOps repository, annotate it in Grafana, and verify. A failure
 * stops its environment and every environment promoted from it.
 */
export function mainWorkflow(model: PipelineModel): Record<string, PipelineValue> {
  const jobs: Record<string, PipelineValue> = { synth: mainSynthJob(model) };
  const releaseOf = new Map<string, string>();
  for (const env of model.environments) {
    let previous = env.promotesFrom === undefined ? undefined : releaseOf.get(env.promotesFrom);
    for (let layer = 0; layer < env.layers; layer++) {
      Object.assign(jobs, layerJobs(model, env, layer, previous));
      previous = mainJobIds.apply(env.name, layer);
    }
    jobs[mainJobIds.release(env.name)] = releaseJob(model, env, previous);
    releaseOf.set(env.name, mainJobIds.release(env.name));
  }
  return {
    name: "main",
    on: { push: { branches: ["main"] }, workflow_dispatch: {} },
    permissions: {},
    jobs,
  };
}

/** The synth, with outputs per environment: whether it has a release to publish, and whether each layer has touched stacks. */
function mainSynthJob(model: PipelineModel): Record<string, PipelineValue> {
  return synthJob(model, {
    changesStep: "Touched stacks and releases",
    outputs: model.environments.flatMap((env) => [`${env.name}-publish`, ...Array.from({ length: env.layers }, (_, layer) => `${env.name}-layer-${layer}`)]),
    perEnvironment: [
      `echo "$env-publish=$(jq -r --arg env "$env" '[.environments[] | select(.environment == $env)] | length > 0' "${WORK_DIR}/changes/diff.json")" >> "$GITHUB_OUTPUT"`,
      `jq -r --arg env "$env" '.layers | to_entries[] | "\\($env)-layer-\\(.key)=\\(.value | length > 0)"' "${WORK_DIR}/changes/$env.json" >> "$GITHUB_OUTPUT"`,
    ],
  });
}

function layerJobs(model: PipelineModel, env: PipelineEnvironment, layer: number, previous: string | undefined): Record<string, PipelineValue> {
  const { delivery } = model;
  const planId = mainJobIds.plan(env.name, layer);
  const stackEnv = { ENVIRONMENT: env.name, LAYER: String(layer) };
  const common = [checkoutStep(), ...nodeSteps(delivery), terraformStep(delivery), downloadStep("Synthesized output", "cdktf-out", WORK_PATH), azureLoginStep(), kubeloginStep()];
  const selection = `--env "$ENVIRONMENT" --out "${WORK_DIR}/cdktf.out" --changes "${WORK_DIR}/changes/$ENVIRONMENT.json" --layer "$LAYER" --plans "${WORK_DIR}/plans"`;
  return {
    [planId]: {
      name: `plan ${env.name} layer ${layer}`,
      needs: ["synth", ...(previous ? [previous] : [])],
      if: continuing(`needs.synth.outputs.${env.name}-layer-${layer} == 'true'`),
      ...environmentJob(model, env.name, "plan"),
      env: terraformEnv(),
      outputs: { changes: expr("steps.plan.outputs.changes") },
      steps: [
        ...common,
        {
          name: "Plan",
          id: "plan",
          env: stackEnv,
          run: [`npx cdktf-gitops stacks plan ${selection}`, `echo "changes=$(jq -r 'any(.[]; .result == "changes")' "${WORK_DIR}/plans/plans.json")" >> "$GITHUB_OUTPUT"`, ""].join("\n"),
        },
        uploadStep("Keep the plan files", planId, `${WORK_PATH}/plans/`),
      ],
    },
    [mainJobIds.apply(env.name, layer)]: {
      name: `apply ${env.name} layer ${layer}`,
      needs: [planId],
      if: continuing(`needs.${planId}.outputs.changes == 'true'`),
      ...environmentJob(model, env.name, "apply"),
      env: terraformEnv(),
      steps: [...common, downloadStep("The reviewed plan files", planId, `${WORK_PATH}/plans`), { name: "Apply the reviewed plans", env: stackEnv, run: `npx cdktf-gitops stacks apply ${selection}` }],
    },
  };
}

function releaseJob(model: PipelineModel, env: PipelineEnvironment, previous: string | undefined): Record<string, PipelineValue> {
  const { delivery } = model;
  return {
    name: `release ${env.name}`,
    needs: ["synth", ...(previous ? [previous] : [])],
    if: continuing(`needs.synth.outputs.${env.name}-publish == 'true'`),
    ...environmentJob(model, env.name, "apply"),
    steps: [
      checkoutStep(),
      ...nodeSteps(delivery),
      downloadStep("Synthesized output", "cdktf-out", WORK_PATH),
      ...gitopsTokenSteps(delivery, "write"),
      {
        name: "Publish",
        env: { ...gitopsEnv(delivery), ENVIRONMENT: env.name },
        run: [gitopsAuthScript(delivery), `npx cdktf-gitops publish --env "$ENVIRONMENT" --out "${WORK_DIR}/cdktf.out" --repo "$GITOPS_REPO" --json > "${WORK_DIR}/publish.json"`, `cat "${WORK_DIR}/publish.json"`, ""].join("\n"),
      },
      azureLoginStep(),
      grafanaAnnotationStep(env.name, env.grafana, `${WORK_PATH}/publish.json`, "cdktf-gitops release"),
      {
        name: "Verify",
        env: { ...gitopsEnv(delivery), ENVIRONMENT: env.name },
        run: [gitopsAuthScript(delivery), `npx cdktf-gitops verify --env "$ENVIRONMENT" --out "${WORK_DIR}/cdktf.out" --repo "$GITOPS_REPO"`, ""].join("\n"),
      },
    ],
  };
}
