import { PipelineModel } from "../pipeline-model";
import { PipelineValue } from "../pipeline-yaml";
import { azureLoginStep, checkoutStep, expr, gitopsAuthScript, gitopsEnv, gitopsTokenSteps, grafanaAnnotationStep, kubeloginStep, nodeSteps, synthStep, terraformEnv, terraformStep, ACTIONS, Step, uses, WORK_DIR, WORK_PATH } from "./actions";
import { githubEnvironmentName } from "../federation";
import { environmentConcurrency, environmentJob, OIDC_PERMISSIONS } from "./jobs";

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
 * for an automatic rollback). Per environment:
 * - `rollback-<env>`: the one a person starts; it runs in the environment's GitHub environment (approvals, apply
 *   identity for the Grafana annotation);
 * - `automatic-rollback-<env>`: the dispatched one, guarded by `rollback --dispatch-event` (only the current
 *   failing publish, only once). It runs in no GitHub environment, so no approval holds it up, and needs no Azure
 *   identity: only the GitOps push credential (a repository secret, as for every synth job);
 * - `annotate-rollback-<env>`: marks the automatic rollback in Grafana with the apply identity, in the GitHub
 *   environment (in prod after an approval). It stays out of the environment's concurrency group, so waiting for
 *   that approval never holds up a release.
 */
export function rollbackWorkflow(model: PipelineModel): Record<string, PipelineValue> {
  const jobs: Record<string, PipelineValue> = {};
  for (const env of model.environments) {
    jobs[`rollback-${env.name}`] = manualRollbackJob(model, env);
    jobs[`automatic-rollback-${env.name}`] = automaticRollbackJob(model, env);
    jobs[`annotate-rollback-${env.name}`] = rollbackAnnotationJob(model, env);
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

type PipelineEnvironment = PipelineModel["environments"][number];

/** The rollback results file of a job. */
const ROLLBACK_RESULT = `${WORK_PATH}/rollback.json`;

/** The step that runs a rollback `command` and keeps its `--json` result; `extra` adds to the step. */
function rollbackStep(model: PipelineModel, env: PipelineEnvironment, command: string, extra: { id?: string; env?: Record<string, string>; after?: string } = {}): Step {
  return {
    name: "Roll back",
    ...(extra.id ? { id: extra.id } : {}),
    env: { ...gitopsEnv(model.delivery), ENVIRONMENT: env.name, ...extra.env },
    run: [
      gitopsAuthScript(model.delivery),
      `mkdir -p "${WORK_DIR}"`,
      `${command} --repo "$GITOPS_REPO" --json > "${WORK_DIR}/rollback.json"`,
      `cat "${WORK_DIR}/rollback.json"`,
      ...(extra.after ? [extra.after] : []),
      "",
    ].join("\n"),
  };
}

/** `rollback-<env>`: a person's rollback, in the environment's GitHub environment (approvals, apply identity). */
function manualRollbackJob(model: PipelineModel, env: PipelineEnvironment): Record<string, PipelineValue> {
  return {
    name: `rollback ${env.name}`,
    if: `github.event_name == 'workflow_dispatch' && inputs.environment == '${env.name}'`,
    ...environmentJob(model, env.name, "apply"),
    steps: [
      checkoutStep(),
      ...nodeSteps(model.delivery),
      ...gitopsTokenSteps(model.delivery, "write"),
      rollbackStep(model, env, `npx cdktf-gitops rollback --env "$ENVIRONMENT" \${TO:+--to "$TO"} \${STEPS:+--steps "$STEPS"}`, { env: { TO: expr("inputs.to"), STEPS: expr("inputs.steps") } }),
      azureLoginStep(),
      grafanaAnnotationStep(env.name, env.grafana, ROLLBACK_RESULT, "cdktf-gitops rollback"),
    ],
  };
}

/** `automatic-rollback-<env>`: the dispatched, guarded rollback; no GitHub environment, no Azure identity. */
function automaticRollbackJob(model: PipelineModel, env: PipelineEnvironment): Record<string, PipelineValue> {
  return {
    name: `automatic rollback ${env.name}`,
    if: `github.event_name == 'repository_dispatch' && (github.event.client_payload.environment == '${env.name}' || github.event.client_payload.metadata.environment == '${env.name}')`,
    "runs-on": [...model.delivery.runsOn],
    concurrency: environmentConcurrency(env.name),
    permissions: { contents: "read" },
    outputs: { "release-id": expr("steps.rollback.outputs.release-id") },
    steps: [
      checkoutStep(),
      ...nodeSteps(model.delivery),
      ...gitopsTokenSteps(model.delivery, "write"),
      rollbackStep(model, env, `npx cdktf-gitops rollback --dispatch-event "$GITHUB_EVENT_PATH"`, {
        id: "rollback",
        after: `echo "release-id=$(jq -r '.releaseId // empty' "${WORK_DIR}/rollback.json")" >> "$GITHUB_OUTPUT"`,
      }),
    ],
  };
}

/** `annotate-rollback-<env>`: the Grafana mark of an automatic rollback (apply identity), outside the concurrency group. */
function rollbackAnnotationJob(model: PipelineModel, env: PipelineEnvironment): Record<string, PipelineValue> {
  const automatic = `needs.automatic-rollback-${env.name}`;
  return {
    name: `annotate automatic rollback ${env.name}`,
    needs: `automatic-rollback-${env.name}`,
    if: `${automatic}.outputs.release-id != ''`,
    "runs-on": [...model.delivery.runsOn],
    environment: githubEnvironmentName(env.name, "apply"),
    permissions: { ...OIDC_PERMISSIONS },
    steps: [
      {
        name: "Rollback result",
        env: { RELEASE_ID: expr(`${automatic}.outputs.release-id`) },
        run: `mkdir -p "${WORK_DIR}"\njq -n --arg id "$RELEASE_ID" '{releaseId: $id}' > "${WORK_DIR}/rollback.json"\n`,
      },
      azureLoginStep(),
      grafanaAnnotationStep(env.name, env.grafana, ROLLBACK_RESULT, "cdktf-gitops rollback"),
    ],
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
