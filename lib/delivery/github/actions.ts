import { GitHubRepository, ResolvedDelivery } from "../../environment/delivery-spec";
import { gitopsKnownHosts, gitopsPushUrl } from "../gitops-remote";
import { Commented, PipelineValue } from "../pipeline-yaml";

/**
 * The actions the generated workflows use, each pinned to the full commit of a release tag (the tag in the
 * trailing comment), and the steps built from them. A tag can be moved; a commit cannot.
 */
export const ACTIONS = {
  checkout: { repository: "actions/checkout", commit: "3d3c42e5aac5ba805825da76410c181273ba90b1", tag: "v7.0.1" },
  setupNode: { repository: "actions/setup-node", commit: "820762786026740c76f36085b0efc47a31fe5020", tag: "v7.0.0" },
  setupTerraform: { repository: "hashicorp/setup-terraform", commit: "dfe3c3f87815947d99a8997f908cb6525fc44e9e", tag: "v4.0.1" },
  azureLogin: { repository: "azure/login", commit: "f5d393ae46f8fde4be8b75f32e3fc50e654ad0ca", tag: "v3.0.1" },
  uploadArtifact: { repository: "actions/upload-artifact", commit: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", tag: "v7.0.0" },
  downloadArtifact: { repository: "actions/download-artifact", commit: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", tag: "v8.0.1" },
  githubScript: { repository: "actions/github-script", commit: "ed597411d8f924073f98dfc5c65a23a2325f34cd", tag: "v8.0.0" },
  createGitHubAppToken: { repository: "actions/create-github-app-token", commit: "1b10c78c7865c340bc4f6099eb2f838309f1e8c3", tag: "v3.1.1" },
} as const;

/** Names of the GitHub environment variables that hold an environment's Azure ids (set by governance or by hand). */
export const GITHUB_ENVIRONMENT_VARIABLES = { clientId: "AZURE_CLIENT_ID", tenantId: "AZURE_TENANT_ID", subscriptionId: "AZURE_SUBSCRIPTION_ID" } as const;


/** The Azure AD application of Azure Managed Grafana (the audience of its tokens). */
export const MANAGED_GRAFANA_AAD_APPLICATION = "ce34e7e5-485f-4d76-964f-b3d2b16d1e4f";

/** A step as the YAML writer takes it. */
export type Step = Record<string, PipelineValue>;

/** `uses:` of a pinned action. */
export function uses(action: (typeof ACTIONS)[keyof typeof ACTIONS]): Commented {
  return new Commented(`${action.repository}@${action.commit}`, action.tag);
}

/** `${{ <expression> }}`. */
export const expr = (expression: string): string => `\${{ ${expression} }}`;

/** Checkout without leaving the job's token in the git config. */
export function checkoutStep(): Step {
  return { name: "Check out", uses: uses(ACTIONS.checkout), with: { "persist-credentials": false } };
}

/** Node (pinned), the npm cache, and `npm ci`. */
export function nodeSteps(delivery: ResolvedDelivery): Step[] {
  return [
    { name: "Set up Node.js", uses: uses(ACTIONS.setupNode), with: { "node-version": delivery.nodeVersion, cache: "npm" } },
    { name: "Install dependencies", run: "npm ci --no-audit --no-fund" },
  ];
}

/** Terraform (pinned), without the wrapper (exit codes and output pass through unchanged). */
export function terraformStep(delivery: ResolvedDelivery): Step {
  return { name: "Set up Terraform", uses: uses(ACTIONS.setupTerraform), with: { terraform_version: delivery.terraformVersion, terraform_wrapper: false } };
}

/** Azure CLI sign-in with the job's OIDC token as the GitHub environment's identity (for kubelogin and az). */
export function azureLoginStep(): Step {
  return {
    name: "Sign in to Azure (OIDC)",
    uses: uses(ACTIONS.azureLogin),
    with: {
      "client-id": expr(`vars.${GITHUB_ENVIRONMENT_VARIABLES.clientId}`),
      "tenant-id": expr(`vars.${GITHUB_ENVIRONMENT_VARIABLES.tenantId}`),
      "subscription-id": expr(`vars.${GITHUB_ENVIRONMENT_VARIABLES.subscriptionId}`),
    },
  };
}

/** The `env:` of a job that runs Terraform: OIDC, the environment's ids from GitHub environment variables. */
export function terraformEnv(): Record<string, string> {
  return {
    ARM_USE_OIDC: "true",
    ARM_USE_AZUREAD: "true",
    ARM_CLIENT_ID: expr(`vars.${GITHUB_ENVIRONMENT_VARIABLES.clientId}`),
    ARM_TENANT_ID: expr(`vars.${GITHUB_ENVIRONMENT_VARIABLES.tenantId}`),
    ARM_SUBSCRIPTION_ID: expr(`vars.${GITHUB_ENVIRONMENT_VARIABLES.subscriptionId}`),
    TF_IN_AUTOMATION: "1",
  };
}

/**
 * The step that mints the GitOps credential (a GitHub App installation token limited to the GitOps repository and
 * `contents`), or none for a deploy key (its secret is read by the step that uses it).
 */
export function gitopsTokenSteps(delivery: ResolvedDelivery, access: "read" | "write"): Step[] {
  const credential = delivery.gitopsPushCredential;
  if (credential.kind !== "github-app") return [];
  const repository = delivery.gitopsRepository as GitHubRepository;
  return [
    {
      name: "GitOps repository token",
      id: "gitops-token",
      uses: uses(ACTIONS.createGitHubAppToken),
      with: {
        "client-id": String(credential.appId),
        "private-key": expr(`secrets.${credential.privateKeySecret}`),
        owner: repository.owner,
        repositories: repository.name,
        "permission-contents": access,
      },
    },
  ];
}

/** `env:` entries that give a step the GitOps credential and repository. */
export function gitopsEnv(delivery: ResolvedDelivery): Record<string, string> {
  const credential = delivery.gitopsPushCredential;
  const common = { GITOPS_REPO: gitopsPushUrl(delivery) };
  if (credential.kind === "github-app") return { ...common, GITOPS_TOKEN: expr("steps.gitops-token.outputs.token") };
  return { ...common, GITOPS_SSH_KEY: expr(`secrets.${credential.privateKeySecret}`), GITOPS_KNOWN_HOSTS: gitopsKnownHosts(delivery) };
}

/** Shell lines that make git use the GitOps credential for this step only (nothing is written to the git config). */
export function gitopsAuthScript(delivery: ResolvedDelivery): string {
  if (delivery.gitopsPushCredential.kind === "github-app") {
    return [
      `auth="$(printf 'x-access-token:%s' "$GITOPS_TOKEN" | base64 -w0)"`,
      `echo "::add-mask::$auth"`,
      `export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0="http.https://github.com/.extraheader" GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $auth"`,
    ].join("\n");
  }
  return [
    `key="$RUNNER_TEMP/gitops-deploy-key"`,
    `(umask 077 && printf '%s\\n' "$GITOPS_SSH_KEY" > "$key" && printf '%s\\n' "$GITOPS_KNOWN_HOSTS" > "$RUNNER_TEMP/gitops-known-hosts")`,
    `export GIT_SSH_COMMAND="ssh -i $key -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$RUNNER_TEMP/gitops-known-hosts"`,
  ].join("\n");
}

/** Uploads a path as an artifact that lives a short time (plans can hold sensitive values). */
export function uploadStep(name: string, artifact: string, path: string, retentionDays = 1): Step {
  return { name, uses: uses(ACTIONS.uploadArtifact), with: { name: artifact, path, "retention-days": retentionDays, "if-no-files-found": "error" } };
}

/** Downloads an artifact of this run. */
export function downloadStep(name: string, artifact: string, path: string): Step {
  return { name, uses: uses(ACTIONS.downloadArtifact), with: { name: artifact, path } };
}

/**
 * The step that marks a release in the environment's Managed Grafana (tags `release:<id>`, `env:<env>`), from the
 * `--json` result of publish or rollback; it never fails the release (the release is already pushed).
 */
export function grafanaAnnotationStep(environment: string, grafana: { readonly name: string; readonly resourceGroup: string }, resultFile: string, what: string): Step {
  return {
    name: "Annotate the release in Grafana",
    "continue-on-error": true,
    env: { RESULT_FILE: resultFile, ENVIRONMENT: environment, GRAFANA_NAME: grafana.name, GRAFANA_RESOURCE_GROUP: grafana.resourceGroup, GRAFANA_AUDIENCE: MANAGED_GRAFANA_AAD_APPLICATION, WHAT: what },
    run: [
      `release_id="$(jq -r '.releaseId // empty' "$RESULT_FILE")"`,
      `if [ -z "$release_id" ]; then echo "nothing was released; no annotation"; exit 0; fi`,
      `endpoint="$(az resource show --resource-group "$GRAFANA_RESOURCE_GROUP" --name "$GRAFANA_NAME" --resource-type Microsoft.Dashboard/grafana --query properties.endpoint --output tsv)"`,
      `token="$(az account get-access-token --resource "$GRAFANA_AUDIENCE" --query accessToken --output tsv)"`,
      `echo "::add-mask::$token"`,
      `jq -n --arg text "$WHAT $release_id ($GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID)" --arg release "release:$release_id" --arg env "env:$ENVIRONMENT" '{text: $text, tags: [$release, $env, "cdktf-gitops"]}' \\`,
      `  | curl --fail-with-body --silent --show-error -X POST "$endpoint/api/annotations" -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data @-`,
      "",
    ].join("\n"),
  };
}

/**
 * kubelogin (and kubectl) for the stacks whose providers sign in to AKS with the Azure CLI's identity, and a
 * Terraform plugin cache shared by the job's stacks.
 */
export function kubeloginStep(): Step {
  return {
    name: "Install kubelogin, plugin cache",
    run: [
      `az aks install-cli --install-location "$RUNNER_TEMP/bin/kubectl" --kubelogin-install-location "$RUNNER_TEMP/bin/kubelogin"`,
      `echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"`,
      `mkdir -p "$RUNNER_TEMP/terraform-plugins"`,
      `echo "TF_PLUGIN_CACHE_DIR=$RUNNER_TEMP/terraform-plugins" >> "$GITHUB_ENV"`,
      "",
    ].join("\n"),
  };
}

/**
 * Where a job keeps the run's files (synthesized output, touched stacks, plans): outside the checkout, so the
 * source tree stays clean for publish's provenance check. `WORK_DIR` in scripts, `WORK_PATH` in `with:`.
 */
export const WORK_DIR = "$RUNNER_TEMP/cdktf-gitops";
export const WORK_PATH = "${{ runner.temp }}/cdktf-gitops";

/** Synthesizes the app into `cdktf.out` once (the app command of cdktf.json, no cdktf-cli needed). */
export function synthStep(): Step {
  return { name: "Synthesize", run: `npx cdktf-gitops synth --out "${WORK_DIR}/cdktf.out"` };
}
