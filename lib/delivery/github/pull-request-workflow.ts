import { PipelineModel } from "../pipeline-model";
import { PipelineValue } from "../pipeline-yaml";
import { githubEnvironmentName } from "../federation";
import { azureLoginStep, checkoutStep, downloadStep, expr, kubeloginStep, nodeSteps, Step, terraformEnv, terraformStep, uploadStep, uses, ACTIONS, WORK_DIR, WORK_PATH } from "./actions";
import { OIDC_PERMISSIONS, synthJob } from "./jobs";

/** Check names of the pull-request workflow (stable: no matrix, one aggregating job for every plan). */
export const PULL_REQUEST_CHECKS = { test: "cdktf-gitops test", plan: "cdktf-gitops plan" } as const;

/** The marker that identifies the sticky plan comment. */
export const COMMENT_MARKER = "<!-- cdktf-gitops:plan -->";

/** Job ids of the per-environment plan jobs. */
export const planJobId = (environment: string): string => `plan-${environment}`;

/**
 * `pull-request.yml`: tests and the pipelines check; one synth; the release diff and the touched stacks of every
 * environment; a plan job per environment (plan identity, `<env>-plan`) of the stacks whose plan is final now;
 * one sticky comment with everything, and the aggregated check.
 */
export function pullRequestWorkflow(model: PipelineModel): Record<string, PipelineValue> {
  const jobs: Record<string, PipelineValue> = { test: testJob(model), synth: pullRequestSynthJob(model) };
  for (const env of model.environments) jobs[planJobId(env.name)] = planJob(model, env.name);
  jobs.comment = commentJob(model);
  return {
    name: "pull request",
    on: { pull_request: { branches: ["main"] } },
    permissions: {},
    concurrency: { group: expr("format('cdktf-gitops-pr-{0}', github.event.pull_request.number)"), "cancel-in-progress": true },
    jobs,
  };
}

function testJob(model: PipelineModel): Record<string, PipelineValue> {
  const { delivery } = model;
  return {
    name: PULL_REQUEST_CHECKS.test,
    "runs-on": [...delivery.runsOn],
    permissions: { contents: "read" },
    steps: [checkoutStep(), ...nodeSteps(delivery), { name: "Test", run: "npm test" }, { name: "Generated pipelines are up to date", run: "npx cdktf-gitops pipelines check" }],
  };
}

/** The synth, with an output per environment that says whether it has a stack whose plan is final now. */
function pullRequestSynthJob(model: PipelineModel): Record<string, PipelineValue> {
  return synthJob(model, {
    changesStep: "Release diff and touched stacks",
    outputs: model.environments.map((env) => `plan-${env.name}`),
    perEnvironment: [`echo "plan-$env=$(jq -r '[.stacks[] | select(.ready)] | length > 0' "${WORK_DIR}/changes/$env.json")" >> "$GITHUB_OUTPUT"`],
    after: [
      {
        name: "Policy",
        run: [`if [ -f "${WORK_DIR}/cdktf.out/policy-report.json" ]; then`, `  npx cdktf-gitops policy --out "${WORK_DIR}/cdktf.out" --summary-file "$GITHUB_STEP_SUMMARY"`, "fi", ""].join("\n"),
      },
    ],
  });
}

function planJob(model: PipelineModel, environment: string): Record<string, PipelineValue> {
  const { delivery } = model;
  return {
    name: `plan (${environment})`,
    needs: ["synth"],
    if: `needs.synth.outputs.plan-${environment} == 'true'`,
    "runs-on": [...delivery.runsOn],
    environment: githubEnvironmentName(environment, "plan"),
    permissions: { ...OIDC_PERMISSIONS },
    env: terraformEnv(),
    steps: [
      checkoutStep(),
      ...nodeSteps(delivery),
      terraformStep(delivery),
      downloadStep("Synthesized output", "cdktf-out", WORK_PATH),
      azureLoginStep(),
      kubeloginStep(),
      {
        name: "Plan the stacks whose plan is final now",
        env: { ENVIRONMENT: environment },
        run: `npx cdktf-gitops stacks plan --env "$ENVIRONMENT" --out "${WORK_DIR}/cdktf.out" --changes "${WORK_DIR}/changes/$ENVIRONMENT.json" --ready --plans "${WORK_DIR}/plans/$ENVIRONMENT"`,
      },
      { name: "Keep the plan text", if: "always()", uses: uses(ACTIONS.uploadArtifact), with: { name: `plans-${environment}`, path: `${WORK_PATH}/plans/${environment}/*.txt\n${WORK_PATH}/plans/${environment}/plans.json\n`, "retention-days": 7, "if-no-files-found": "ignore" } },
    ],
  };
}

function commentJob(model: PipelineModel): Record<string, PipelineValue> {
  const { delivery } = model;
  const withSynth: Step[] = [
    checkoutStep(),
    ...nodeSteps(delivery),
    downloadStep("Synthesized output", "cdktf-out", WORK_PATH),
    { name: "Plans", uses: uses(ACTIONS.downloadArtifact), with: { pattern: "plans-*", path: `${WORK_PATH}/plans` } },
    {
      name: "Write the comment",
      run: [
        `npx cdktf-gitops pr-comment --changes "${WORK_DIR}/changes" --plans "${WORK_DIR}/plans" --out "${WORK_DIR}/cdktf.out" --comment "${WORK_DIR}/comment.md" --full "${WORK_DIR}/plan-report.md"`,
        `head -c 1000000 "${WORK_DIR}/plan-report.md" >> "$GITHUB_STEP_SUMMARY"`,
        "",
      ].join("\n"),
    },
    uploadStep("Keep the full report", "plan-report", `${WORK_PATH}/plan-report.md`, 7),
    {
      name: "Sticky comment",
      uses: uses(ACTIONS.githubScript),
      env: { COMMENT_FILE: `${WORK_PATH}/comment.md`, MARKER: COMMENT_MARKER },
      with: {
        script: [
          "const fs = require('fs');",
          "const body = fs.readFileSync(process.env.COMMENT_FILE, 'utf8');",
          "const { owner, repo } = context.repo;",
          "const issue_number = context.issue.number;",
          "const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });",
          "const mine = comments.find((c) => c.user && c.user.type === 'Bot' && c.body && c.body.includes(process.env.MARKER));",
          "if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });",
          "else await github.rest.issues.createComment({ owner, repo, issue_number, body });",
          "",
        ].join("\n"),
      },
    },
  ];
  const steps: Step[] = [
    ...withSynth.map((step) => ({ ...step, if: "needs.synth.result == 'success'" })),
    {
      name: "Every plan succeeded",
      env: { RESULTS: expr("toJSON(needs)") },
      run: `echo "$RESULTS" | jq -e 'all(.[]; .result == "success" or .result == "skipped")' > /dev/null || { echo "a plan failed; see the plan jobs"; exit 1; }`,
    },
  ];
  return {
    name: PULL_REQUEST_CHECKS.plan,
    needs: ["synth", ...model.environments.map((e) => planJobId(e.name))],
    // always: a skipped required check would count as passed, so this job runs and fails when anything failed
    if: "always()",
    "runs-on": [...delivery.runsOn],
    permissions: { contents: "read", "pull-requests": "write" },
    steps,
  };
}
