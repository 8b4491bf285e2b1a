import { AzureReposRepository, GitHubRepository } from "../../environment/delivery-spec";
import { azureDevOpsEnvironmentName, PipelineRole, serviceConnectionName } from "../federation";
import { PipelineEnvironment, PipelineModel } from "../pipeline-model";
import { GENERATED_HEADER, PipelineValue, pipelineYaml } from "../pipeline-yaml";

/**
 * Azure Pipelines YAML for a platform whose CI is Azure DevOps: the same flows as the GitHub workflows. Stages per
 * environment; plan jobs sign in with the `<project>-<env>-plan` workload identity federation service connection,
 * apply and release are `deployment` jobs on the Azure DevOps environment `<env>` (its approvals and checks are the
 * gate) with `<project>-<env>-apply`; the plan artifact is applied exactly; drift runs on a schedule. Values reach
 * scripts through `env:`, never through `$(...)` macros inside scripts.
 */

type Step = Record<string, PipelineValue>;
const WORK = "$(Pipeline.Workspace)/cdktf-gitops";
/** GitHub's published SSH host key, for deploy-key pushes to a GitOps repository on GitHub. */
const GITHUB_KNOWN_HOSTS = "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";

function pool(model: PipelineModel): Record<string, PipelineValue> {
  const { delivery } = model;
  if (delivery.azureDevOps?.pool) return { name: delivery.azureDevOps.pool, demands: delivery.runsOn.map((label) => `${label}`) };
  return { vmImage: delivery.runsOn[0] };
}

function toolSteps(model: PipelineModel, terraform: boolean): Step[] {
  const { delivery } = model;
  const steps: Step[] = [
    { checkout: "self", persistCredentials: false },
    { task: "NodeTool@0", displayName: "Node.js", inputs: { versionSpec: delivery.nodeVersion } },
    { script: "npm ci --no-audit --no-fund", displayName: "Install dependencies" },
  ];
  if (terraform) {
    steps.push({
      bash: [
        `curl --fail --silent --show-error --location "https://releases.hashicorp.com/terraform/$TERRAFORM_VERSION/terraform_\${TERRAFORM_VERSION}_linux_amd64.zip" -o "$AGENT_TEMPDIRECTORY/terraform.zip"`,
        `unzip -o -q "$AGENT_TEMPDIRECTORY/terraform.zip" -d "$AGENT_TEMPDIRECTORY/bin"`,
        `mkdir -p "$AGENT_TEMPDIRECTORY/terraform-plugins"`,
        `echo "##vso[task.prependpath]$AGENT_TEMPDIRECTORY/bin"`,
        `echo "##vso[task.setvariable variable=TF_PLUGIN_CACHE_DIR]$AGENT_TEMPDIRECTORY/terraform-plugins"`,
        "",
      ].join("\n"),
      displayName: "Terraform",
      env: { TERRAFORM_VERSION: delivery.terraformVersion },
    });
  }
  return steps;
}

/** A script run with a service connection's federated identity: az signed in, Terraform's ARM_* set from it. */
function azureStep(model: PipelineModel, env: PipelineEnvironment, role: PipelineRole, displayName: string, script: string, vars: Record<string, string> = {}): Step {
  const subscription = model.delivery.environments[env.name].subscriptionId;
  return {
    task: "AzureCLI@2",
    displayName,
    inputs: {
      azureSubscription: serviceConnectionName(model.project, env.name, role),
      scriptType: "bash",
      scriptLocation: "inlineScript",
      addSpnToEnvironment: true,
      inlineScript: [
        "set -euo pipefail",
        `export ARM_USE_OIDC=true ARM_USE_AZUREAD=true ARM_OIDC_TOKEN="$idToken" ARM_CLIENT_ID="$servicePrincipalId" ARM_TENANT_ID="$tenantId" ARM_SUBSCRIPTION_ID="$SUBSCRIPTION_ID"`,
        "az aks install-cli --install-location \"$AGENT_TEMPDIRECTORY/bin/kubectl\" --kubelogin-install-location \"$AGENT_TEMPDIRECTORY/bin/kubelogin\" > /dev/null",
        `export PATH="$AGENT_TEMPDIRECTORY/bin:$PATH"`,
        script,
        "",
      ].join("\n"),
    },
    env: { SUBSCRIPTION_ID: subscription, ENVIRONMENT: env.name, WORK, ...vars },
  };
}

/** The deploy key set-up (a secret variable mapped into the step) and the GitOps repository URL. */
function gitopsStep(model: PipelineModel, displayName: string, script: string, vars: Record<string, string> = {}): Step {
  const { delivery } = model;
  const repository = delivery.gitopsRepository as GitHubRepository;
  return {
    bash: [
      "set -euo pipefail",
      `key="$AGENT_TEMPDIRECTORY/gitops-deploy-key"`,
      `(umask 077 && printf '%s\\n' "$GITOPS_SSH_KEY" > "$key" && printf '%s\\n' "$GITOPS_KNOWN_HOSTS" > "$AGENT_TEMPDIRECTORY/gitops-known-hosts")`,
      `export GIT_SSH_COMMAND="ssh -i $key -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$AGENT_TEMPDIRECTORY/gitops-known-hosts"`,
      script,
      "",
    ].join("\n"),
    displayName,
    env: {
      GITOPS_SSH_KEY: `$(${delivery.gitopsPushCredential.privateKeySecret})`,
      GITOPS_KNOWN_HOSTS: GITHUB_KNOWN_HOSTS,
      GITOPS_REPO: `git@github.com:${repository.owner}/${repository.name}.git`,
      WORK,
      ...vars,
    },
  };
}

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
      { publish: WORK, artifact: "cdktf-out", displayName: "Keep the synthesized output" },
    ],
  };
}

const download = (artifact: string): Step => ({ download: "current", artifact, displayName: `Download ${artifact}` });
const touched = (env: string, layer: number): string => `eq(stageDependencies.synth.synth.outputs['changes.${env}_layer_${layer}'], 'true')`;

/** One layer: a plan job (plan service connection) and a deployment job that applies the plan artifact exactly. */
function layerJobs(model: PipelineModel, env: PipelineEnvironment, layer: number): PipelineValue[] {
  const planJob = `plan_${layer}`;
  const selection = `--env "$ENVIRONMENT" --out "$WORK/cdktf.out" --changes "$WORK/changes/$ENVIRONMENT.json" --layer "$LAYER" --plans "$WORK/plans-${layer}"`;
  const common = [...toolSteps(model, true), download("cdktf-out")];
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
    {
      deployment: `apply_${layer}`,
      displayName: `apply ${env.name} layer ${layer}`,
      dependsOn: [planJob],
      condition: `and(not(failed()), not(canceled()), eq(dependencies.${planJob}.outputs['plan.changes'], 'true'))`,
      environment: azureDevOpsEnvironmentName(env.name, "apply"),
      strategy: {
        runOnce: {
          deploy: {
            steps: [...common, download(`plan-${env.name}-${layer}`), azureStep(model, env, "apply", "Apply the reviewed plans", `cp -R "$(dirname "$WORK")/plan-${env.name}-${layer}" "$WORK/plans-${layer}"\nnpx cdktf-gitops stacks apply ${selection}`, { LAYER: String(layer) })],
          },
        },
      },
    },
  ];
}

function releaseJob(model: PipelineModel, env: PipelineEnvironment): PipelineValue {
  const last = `apply_${env.layers - 1}`;
  return {
    deployment: "release",
    displayName: `release ${env.name}`,
    dependsOn: [last],
    condition: `and(not(failed()), not(canceled()), eq(stageDependencies.synth.synth.outputs['changes.${env.name}_publish'], 'true'))`,
    environment: azureDevOpsEnvironmentName(env.name, "apply"),
    strategy: {
      runOnce: {
        deploy: {
          steps: [
            ...toolSteps(model, false),
            download("cdktf-out"),
            gitopsStep(model, "Publish and verify", [`npx cdktf-gitops publish --env "$ENVIRONMENT" --out "$WORK/cdktf.out" --repo "$GITOPS_REPO" --json > "$WORK/publish.json"`, `npx cdktf-gitops verify --env "$ENVIRONMENT" --out "$WORK/cdktf.out" --repo "$GITOPS_REPO"`].join("\n"), { ENVIRONMENT: env.name }),
            annotationStep(model, env, "publish.json", "cdktf-gitops release"),
          ],
        },
      },
    },
  };
}

function annotationStep(model: PipelineModel, env: PipelineEnvironment, file: string, what: string): Step {
  const step = azureStep(
    model,
    env,
    "apply",
    "Annotate the release in Grafana",
    [
      `release_id="$(jq -r '.releaseId // empty' "$WORK/${file}")"`,
      `if [ -z "$release_id" ]; then echo "nothing was released"; exit 0; fi`,
      `endpoint="$(az resource show --resource-group "$GRAFANA_RESOURCE_GROUP" --name "$GRAFANA_NAME" --resource-type Microsoft.Dashboard/grafana --query properties.endpoint --output tsv)"`,
      `token="$(az account get-access-token --resource ce34e7e5-485f-4d76-964f-b3d2b16d1e4f --query accessToken --output tsv)"`,
      `echo "##vso[task.setsecret]$token"`,
      `jq -n --arg text "$WHAT $release_id" --arg release "release:$release_id" --arg env "env:$ENVIRONMENT" '{text: $text, tags: [$release, $env, "cdktf-gitops"]}' | curl --fail-with-body --silent --show-error -X POST "$endpoint/api/annotations" -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data @-`,
    ].join("\n"),
    { GRAFANA_NAME: env.grafana.name, GRAFANA_RESOURCE_GROUP: env.grafana.resourceGroup, WHAT: what },
  );
  return { ...step, continueOnError: true };
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
              download("cdktf-out"),
              azureStep(model, env, "plan", "Plan the stacks whose plan is final now", `npx cdktf-gitops stacks plan --env "$ENVIRONMENT" --out "$WORK/cdktf.out" --changes "$WORK/changes/$ENVIRONMENT.json" --ready --plans "$WORK/plans"`),
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

function driftStages(model: PipelineModel): PipelineValue[] {
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

function operationsPipeline(model: PipelineModel, kind: "promote" | "rollback"): Record<string, PipelineValue> {
  const names = model.environments.map((e) => e.name);
  if (kind === "rollback") {
    return {
      trigger: "none",
      pr: "none",
      parameters: [
        { name: "environment", type: "string", values: names },
        { name: "to", type: "string", default: " " },
        { name: "steps", type: "string", default: " " },
      ],
      pool: pool(model),
      stages: model.environments.map((env) => ({
        stage: env.name,
        condition: `eq('\${{ parameters.environment }}', '${env.name}')`,
        jobs: [
          {
            deployment: "rollback",
            environment: azureDevOpsEnvironmentName(env.name, "apply"),
            strategy: {
              runOnce: {
                deploy: {
                  steps: [
                    ...toolSteps(model, false),
                    gitopsStep(model, "Roll back", `mkdir -p "$WORK"\nto="$(echo "$TO" | xargs)"; steps="$(echo "$STEPS" | xargs)"\nnpx cdktf-gitops rollback --env "$ENVIRONMENT" \${to:+--to "$to"} \${steps:+--steps "$steps"} --repo "$GITOPS_REPO" --json > "$WORK/rollback.json"`, {
                      ENVIRONMENT: env.name,
                      TO: "${{ parameters.to }}",
                      STEPS: "${{ parameters.steps }}",
                    }),
                    annotationStep(model, env, "rollback.json", "cdktf-gitops rollback"),
                  ],
                },
              },
            },
          },
        ],
      })),
    };
  }
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
              `npx cdktf-gitops promote --from "$FROM" --to "$TO" \${apps:+--app "$apps"} --repo "$GITOPS_REPO"`,
              `if git diff --quiet; then echo "$TO already runs these pins"; exit 0; fi`,
              `git switch -c "$branch" && git -c user.name="cdktf-gitops" -c user.email="cdktf-gitops@pipelines" commit -am "Promote $FROM to $TO" && git push origin "$branch"`,
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
export function azurePipelines(model: PipelineModel): Record<string, string> {
  const header = [GENERATED_HEADER];
  const base = { pool: pool(model) };
  const synthStage = { stage: "synth", jobs: [synthJob(model)] };
  const testStage = { stage: "test", dependsOn: [], jobs: [{ job: "test", displayName: "cdktf-gitops test", steps: [...toolSteps(model, false), { script: "npm test", displayName: "Test" }, { script: "npx cdktf-gitops pipelines check", displayName: "Generated pipelines are up to date" }] }] };
  return {
    "drift.yml": pipelineYaml(header, { trigger: "none", pr: "none", schedules: [{ cron: "17 4 * * *", displayName: "nightly drift check", branches: { include: ["main"] }, always: true }], ...base, stages: driftStages(model) }),
    "main.yml": pipelineYaml(header, { trigger: { branches: { include: ["main"] } }, pr: "none", ...base, stages: [synthStage, ...environmentStages(model, "main")] }),
    "promote.yml": pipelineYaml(header, operationsPipeline(model, "promote")),
    "pull-request.yml": pipelineYaml(header, { trigger: "none", pr: { branches: { include: ["main"] } }, ...base, stages: [testStage, synthStage, ...environmentStages(model, "pull-request")] }),
    "rollback.yml": pipelineYaml(header, operationsPipeline(model, "rollback")),
  };
}
