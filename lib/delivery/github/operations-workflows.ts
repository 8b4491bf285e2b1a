import { PipelineModel } from "../pipeline-model";
import { PipelineValue } from "../pipeline-yaml";
import { azureLoginStep, checkoutStep, expr, gitopsAuthScript, gitopsEnv, gitopsTokenSteps, grafanaAnnotationStep, kubeloginStep, nodeSteps, synthStep, terraformEnv, terraformStep, ACTIONS, Step, uses, WORK_DIR, WORK_PATH } from "./actions";
import { environmentJob, OIDC_PERMISSIONS } from "./jobs";

/** `promote.yml`: on demand, copy pinned digests from one environment to the next and open a pull request. */
export function promoteWorkflow(model: PipelineModel): Record<string, PipelineValue> {
  const { delivery } = model;
  const promoted = model.environments.filter((e) => e.promotesFrom !== undefined);
  const sources = [...new Set(promoted.map((e) => e.promotesFrom!))];
  return {
    name: "promote",
    on: {
      workflow_dispatch: {
        inputs: {
          from: { description: "environment to promote from", required: true, type: "choice", options: sources.length > 0 ? sources : model.environments.map((e) => e.name) },
          to: { description: "environment to promote to", required: true, type: "choice", options: promoted.length > 0 ? promoted.map((e) => e.name) : model.environments.map((e) => e.name) },
          apps: { description: "apps to promote, separated by commas (empty: every app pinned in from)", required: false, type: "string", default: "" },
        },
      },
    },
    permissions: {},
    jobs: {
      promote: {
        name: "promote",
        "runs-on": [...delivery.runsOn],
        permissions: { contents: "write", "pull-requests": "write" },
        steps: [
          { name: "Check out", uses: uses(ACTIONS.checkout), with: { "persist-credentials": true } },
          ...nodeSteps(delivery),
          ...gitopsTokenSteps(delivery, "read"),
          {
            name: "Promote and open a pull request",
            env: { ...gitopsEnv(delivery), FROM: expr("inputs.from"), TO: expr("inputs.to"), APPS: expr("inputs.apps"), GH_TOKEN: expr("github.token") },
            run: [
              gitopsAuthScript(delivery),
              `branch="promote/$TO-$GITHUB_RUN_ID"`,
              `mkdir -p "${WORK_DIR}"`,
              `npx cdktf-gitops promote --from "$FROM" --to "$TO" \${APPS:+--app "$APPS"} --repo "$GITOPS_REPO" --json > "${WORK_DIR}/promote.json"`,
              `if [ "$(jq -r .written "${WORK_DIR}/promote.json")" != "true" ]; then echo "$TO already runs these pins; no pull request"; exit 0; fi`,
              `git switch -c "$branch"`,
              `git add -- "$(jq -r .pinsFile "${WORK_DIR}/promote.json")"`,
              `git -c user.name="github-actions[bot]" -c user.email="41898282+github-actions[bot]@users.noreply.github.com" commit -m "Promote $FROM to $TO"`,
              `git push origin "$branch"`,
              `gh pr create --base main --head "$branch" --title "Promote $FROM to $TO" --body "Pin change made by cdktf-gitops promote (run $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID). Merging it releases $TO."`,
              "",
            ].join("\n"),
          },
        ],
      },
    },
  };
}

/**
 * `rollback.yml`: on demand (environment, release or steps) and on `repository_dispatch` (Flux / Argo CD asking
 * for an automatic rollback). One job per environment, gated on the environment named by the inputs or the
 * event's payload, so it runs in that environment's GitHub environment (approvals, apply identity for Grafana).
 */
export function rollbackWorkflow(model: PipelineModel): Record<string, PipelineValue> {
  const { delivery } = model;
  const jobs: Record<string, PipelineValue> = {};
  for (const env of model.environments) {
    const manual = `github.event_name == 'workflow_dispatch' && inputs.environment == '${env.name}'`;
    const dispatched = `github.event_name == 'repository_dispatch' && (github.event.client_payload.environment == '${env.name}' || github.event.client_payload.metadata.environment == '${env.name}')`;
    jobs[`rollback-${env.name}`] = {
      name: `rollback ${env.name}`,
      if: `(${manual}) || (${dispatched})`,
      ...environmentJob(model, env.name, "apply"),
      steps: [
        checkoutStep(),
        ...nodeSteps(delivery),
        ...gitopsTokenSteps(delivery, "write"),
        {
          name: "Roll back",
          env: { ...gitopsEnv(delivery), ENVIRONMENT: env.name, TO: expr("inputs.to"), STEPS: expr("inputs.steps") },
          run: [
            gitopsAuthScript(delivery),
            `mkdir -p "${WORK_DIR}"`,
            `if [ "$GITHUB_EVENT_NAME" = "repository_dispatch" ]; then`,
            `  npx cdktf-gitops rollback --dispatch-event "$GITHUB_EVENT_PATH" --repo "$GITOPS_REPO" --json > "${WORK_DIR}/rollback.json"`,
            "else",
            `  npx cdktf-gitops rollback --env "$ENVIRONMENT" \${TO:+--to "$TO"} \${STEPS:+--steps "$STEPS"} --repo "$GITOPS_REPO" --json > "${WORK_DIR}/rollback.json"`,
            "fi",
            `cat "${WORK_DIR}/rollback.json"`,
            "",
          ].join("\n"),
        },
        azureLoginStep(),
        grafanaAnnotationStep(env.name, env.grafana, `${WORK_PATH}/rollback.json`, "cdktf-gitops rollback"),
      ],
    };
  }
  return {
    name: "rollback",
    on: {
      workflow_dispatch: {
        inputs: {
          environment: { description: "environment to roll back", required: true, type: "choice", options: model.environments.map((e) => e.name) },
          to: { description: "release id (or GitOps commit) to restore; empty: one release back", required: false, type: "string", default: "" },
          steps: { description: "restore the release this many releases back (instead of to)", required: false, type: "string", default: "" },
        },
      },
      repository_dispatch: {},
    },
    permissions: {},
    jobs,
  };
}

/**
 * `drift.yml`: every night, per environment, plan every stack with `-detailed-exitcode` (plan identity) and verify
 * the GitOps repository; drift fails the job and opens (or updates) one issue per environment.
 */
export function driftWorkflow(model: PipelineModel): Record<string, PipelineValue> {
  const { delivery } = model;
  const jobs: Record<string, PipelineValue> = {};
  for (const env of model.environments) {
    jobs[`drift-${env.name}`] = {
      name: `drift ${env.name}`,
      ...environmentJob(model, env.name, "plan", { ...OIDC_PERMISSIONS, issues: "write" }),
      env: terraformEnv(),
      steps: [
        checkoutStep(),
        ...nodeSteps(delivery),
        terraformStep(delivery),
        synthStep(),
        azureLoginStep(),
        kubeloginStep(),
        ...gitopsTokenSteps(delivery, "read"),
        {
          name: "Plan every stack and verify the GitOps repository",
          id: "drift",
          env: { ...gitopsEnv(delivery), ENVIRONMENT: env.name },
          run: [
            gitopsAuthScript(delivery),
            "set +e",
            `npx cdktf-gitops stacks plan --env "$ENVIRONMENT" --out "${WORK_DIR}/cdktf.out" --all --plans "${WORK_DIR}/drift" --json > "${WORK_DIR}/drift.json"`,
            `echo "terraform=$?" >> "$GITHUB_OUTPUT"`,
            `npx cdktf-gitops verify --env "$ENVIRONMENT" --out "${WORK_DIR}/cdktf.out" --repo "$GITOPS_REPO" > "${WORK_DIR}/verify.txt" 2>&1`,
            `echo "gitops=$?" >> "$GITHUB_OUTPUT"`,
            "exit 0",
            "",
          ].join("\n"),
        },
        driftIssueStep(env.name),
      ],
    };
  }
  return { name: "drift", on: { schedule: [{ cron: "17 4 * * *" }], workflow_dispatch: {} }, permissions: {}, jobs };
}

/** On drift: opens (or updates) the environment's one drift issue and fails the job. */
function driftIssueStep(environment: string): Step {
  return {
    name: "Open or update the drift issue",
    uses: uses(ACTIONS.githubScript),
    env: { ENVIRONMENT: environment, TERRAFORM: expr("steps.drift.outputs.terraform"), GITOPS: expr("steps.drift.outputs.gitops"), DRIFT_FILE: `${WORK_PATH}/drift.json`, VERIFY_FILE: `${WORK_PATH}/verify.txt` },
    with: {
      script: [
        "const fs = require('fs');",
        "const env = process.env.ENVIRONMENT;",
        "const title = `Drift in ${env}`;",
        "const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');",
        "let plans = [];",
        "try { plans = JSON.parse(read(process.env.DRIFT_FILE)).plans || []; } catch (e) { plans = []; }",
        "const drifted = plans.filter((p) => p.result !== 'no-changes');",
        "const gitops = process.env.GITOPS !== '0';",
        "const terraform = process.env.TERRAFORM !== '0';",
        "const { owner, repo } = context.repo;",
        "const open = (await github.paginate(github.rest.issues.listForRepo, { owner, repo, state: 'open', per_page: 100 })).find((i) => i.title === title && !i.pull_request);",
        "if (!gitops && !terraform) { core.info(`no drift in ${env}`); return; }",
        "const run = `${process.env.GITHUB_SERVER_URL}/${owner}/${repo}/actions/runs/${process.env.GITHUB_RUN_ID}`;",
        "const lines = drifted.map((p) => `- \\`${p.stack}\\`: ${p.result === 'error' ? 'plan failed' : p.summary}`);",
        "const body = [`Drift found in **${env}** by ${run}.`, '', terraform ? '### Terraform' : '', ...lines, '', gitops ? '### GitOps repository' : '', gitops ? '```\\n' + read(process.env.VERIFY_FILE).slice(0, 20000) + '\\n```' : ''].join('\\n');",
        "if (open) await github.rest.issues.update({ owner, repo, issue_number: open.number, body });",
        "else await github.rest.issues.create({ owner, repo, title, body });",
        "core.setFailed(`drift in ${env}`);",
        "",
      ].join("\n"),
    },
  };
}
