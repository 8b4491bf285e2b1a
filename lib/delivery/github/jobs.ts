import { githubEnvironmentName } from "../federation";
import { PipelineModel } from "../pipeline-model";
import { PipelineValue } from "../pipeline-yaml";
import { checkoutStep, expr, gitopsAuthScript, gitopsEnv, gitopsTokenSteps, nodeSteps, Step, synthStep, uploadStep, WORK_DIR, WORK_PATH } from "./actions";

/** The concurrency group of an environment's state: every job that plans, applies or publishes it. */
export const environmentConcurrency = (environment: string): Record<string, PipelineValue> => ({ group: `cdktf-gitops-${environment}`, "cancel-in-progress": false });

/** The permissions of a job that signs in to Azure with the job's OIDC token. */
export const OIDC_PERMISSIONS: Readonly<Record<string, string>> = { contents: "read", "id-token": "write" };

/**
 * The part every job that works on an environment's state shares: its runners, the GitHub environment of the
 * identity it uses (`<env>-plan` or `<env>`), the environment's concurrency group, and OIDC permissions.
 */
export function environmentJob(model: PipelineModel, environment: string, identity: "plan" | "apply", permissions: Readonly<Record<string, string>> = OIDC_PERMISSIONS): Record<string, PipelineValue> {
  return {
    "runs-on": [...model.delivery.runsOn],
    environment: githubEnvironmentName(environment, identity),
    concurrency: environmentConcurrency(environment),
    permissions: { ...permissions },
  };
}

/** What the synth jobs of the pull-request and main workflows make of each environment's changes. */
export interface SynthJobOptions {
  /** The name of the step that finds the release diff and the touched stacks. */
  readonly changesStep: string;
  /** The job's outputs, in order, each read from the output of the same name of the changes step. */
  readonly outputs: readonly string[];
  /** Shell lines run for each environment (`$env`) once its touched stacks are in `changes/$env.json`. */
  readonly perEnvironment: readonly string[];
  /** Steps after the changes step, before the output is kept. */
  readonly after?: readonly Step[];
}

/**
 * The one synth of a workflow run: synthesize, find the release diff and every environment's touched stacks
 * against the GitOps repository (read access), and keep `cdktf.out` and the changes as the `cdktf-out` artifact.
 */
export function synthJob(model: PipelineModel, options: SynthJobOptions): Record<string, PipelineValue> {
  const { delivery } = model;
  const outputs: Record<string, string> = {};
  for (const output of options.outputs) outputs[output] = expr(`steps.changes.outputs.${output}`);
  return {
    name: "synth",
    "runs-on": [...delivery.runsOn],
    permissions: { contents: "read" },
    outputs,
    steps: [
      checkoutStep(),
      ...nodeSteps(delivery),
      synthStep(),
      ...gitopsTokenSteps(delivery, "read"),
      {
        name: options.changesStep,
        id: "changes",
        env: { ...gitopsEnv(delivery), ENVIRONMENTS: model.environments.map((e) => e.name).join(" ") },
        run: [
          gitopsAuthScript(delivery),
          `mkdir -p "${WORK_DIR}/changes"`,
          `npx cdktf-gitops diff --out "${WORK_DIR}/cdktf.out" --repo "$GITOPS_REPO" --json > "${WORK_DIR}/changes/diff.json"`,
          "for env in $ENVIRONMENTS; do",
          `  npx cdktf-gitops changed-stacks --env "$env" --out "${WORK_DIR}/cdktf.out" --repo "$GITOPS_REPO" --json > "${WORK_DIR}/changes/$env.json"`,
          ...options.perEnvironment.map((line) => `  ${line}`),
          "done",
          "",
        ].join("\n"),
      },
      ...(options.after ?? []),
      uploadStep("Keep the synthesized output", "cdktf-out", `${WORK_PATH}/cdktf.out\n${WORK_PATH}/changes\n`),
    ],
  };
}
