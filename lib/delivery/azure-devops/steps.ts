import { azureDevOpsEnvironmentName, PipelineRole, serviceConnectionName } from "../federation";
import { PipelineEnvironment, PipelineModel } from "../pipeline-model";
import { PipelineValue } from "../pipeline-yaml";

/** Steps the generated Azure Pipelines share: tools, federated Azure sign-in, the GitOps deploy key, Grafana. */

export type Step = Record<string, PipelineValue>;
/** The run's files (synthesized output, touched stacks, plans), outside the checkout; also the artifact's name. */
export const WORK_ARTIFACT = "cdktf-gitops";
export const WORK = `$(Pipeline.Workspace)/${WORK_ARTIFACT}`;
/** GitHub's published SSH host key, for deploy-key pushes to a GitOps repository on GitHub. */
import { gitopsKnownHosts, gitopsPushUrl } from "../gitops-remote";

/** Microsoft-hosted agents with the image `runsOn[0]`, or the self-hosted pool with the labels as demands. */
export function pool(model: PipelineModel): Record<string, PipelineValue> {
  const { delivery } = model;
  if (delivery.azureDevOps?.pool) return { name: delivery.azureDevOps.pool, demands: delivery.runsOn.map((label) => `${label}`) };
  return { vmImage: delivery.runsOn[0] };
}

/** Checkout (no persisted token), Node (pinned), `npm ci`, and Terraform (pinned, from releases.hashicorp.com). */
export function toolSteps(model: PipelineModel, terraform: boolean): Step[] {
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
export function azureStep(model: PipelineModel, env: PipelineEnvironment, role: PipelineRole, displayName: string, script: string, vars: Record<string, string> = {}): Step {
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
export function gitopsStep(model: PipelineModel, displayName: string, script: string, vars: Record<string, string> = {}): Step {
  const { delivery } = model;
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
      GITOPS_KNOWN_HOSTS: gitopsKnownHosts(delivery),
      GITOPS_REPO: gitopsPushUrl(delivery),
      WORK,
      ...vars,
    },
  };
}

export const download = (artifact: string): Step => ({ download: "current", artifact, displayName: `Download ${artifact}` });

export function annotationStep(model: PipelineModel, env: PipelineEnvironment, file: string, what: string): Step {
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


/**
 * A `deployment` job on the Azure DevOps environment `<env>` (its approvals and checks are the gate), running its
 * steps once; `job` holds the job's id, name, dependencies and condition.
 */
export function deploymentJob(job: Record<string, PipelineValue>, environment: string, steps: PipelineValue[]): Record<string, PipelineValue> {
  return { ...job, environment: azureDevOpsEnvironmentName(environment, "apply"), strategy: { runOnce: { deploy: { steps } } } };
}
