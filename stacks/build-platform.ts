import { App, TerraformStack } from "cdktf";
import { AppSpec } from "../lib/apps/app-spec";
import { AppPins } from "../lib/apps/pins";
import { assertValidSpecs } from "../lib/apps/validate-specs";
import { BackgroundWrites } from "../lib/core/background-writes";
import { ownValue } from "../lib/core/own";
import { sortedBy } from "../lib/core/sorting";
import { PlatformSpec } from "../lib/environment/environment-spec";
import { Platform, resolvePlatform } from "../lib/environment/resolve-platform";
import { pullRequestCheckNames } from "../lib/delivery/pull-request-checks";
import { addAzureDevOpsGovernance, addGitHubGovernance } from "./add-governance";
import { AppStack, withValidatedApp } from "./app-stack";
import { ArgoCdAppsStack } from "./argocd-apps-stack";
import { DeliveryStack, deliveryNeeds } from "./delivery-stack";
import { GitOpsStack } from "./gitops-stack";
import { MonitoringStack } from "./monitoring-stack";
import { PolicyChecks, PolicyChecksProps } from "../lib/policy/policy-checks";
import { PlatformStack } from "./platform-stack";
import { addPlatformSuppressions } from "./policy-suppressions";
import { StateStack } from "./state-stack";

/** The stacks of one environment. */
export interface EnvironmentStacks {
  /**
   * `<env>-app-<app>`: one stack per app pinned in the environment, by app name (depends on `<env>-platform`
   * only). Each exposes `alertTarget` for monitoring, and `identityVariables` (Flux post-build substitution
   * in `<env>-gitops`) and `identityPatches` (Argo CD kustomize patches in `<env>-argocd-apps`), so the sync
   * engine's stack depends on the app stacks.
   */
  readonly apps: Readonly<Record<string, AppStack>>;
  /** `<env>-platform`: network, AKS, registry, Key Vault, Log Analytics. */
  readonly platform: PlatformStack;
  /** `<env>-monitoring`: managed Prometheus, Container Insights, Grafana, action group and alert rule groups. */
  readonly monitoring: MonitoringStack;
  /** `<env>-gitops`: the sync engine (Flux or Argo CD) pointed at the environment's GitOps folder. */
  readonly gitops: GitOpsStack;
  /** `<env>-argocd-apps`: Argo CD AppProjects and Applications (Argo CD environments only). */
  readonly argoCdApps?: ArgoCdAppsStack;
}

/** Options of `buildPlatform`. */
export interface BuildPlatformOptions {
  /**
   * The apps. An app is deployed to each environment that has a pin for it.
   * @default - no apps
   */
  readonly apps?: readonly AppSpec[];
  /**
   * Pinned images: environment name → app name → `registry/repo[:tag]@sha256:<digest>`. A pin of an
   * unknown environment or app is an error.
   * @default - no pins
   */
  readonly pins?: AppPins;
  /**
   * The policy checks evaluated at synth (packs, expiry day), or `false` for none. Errors fail synth; the
   * report is written to `<outdir>/policy-report.json`. Stacks added after `buildPlatform` are covered by
   * calling `PolicyChecks.applyTo(app)` again once they exist.
   * @default - the default packs (Azure platform, Kubernetes workload, GitOps)
   */
  readonly policy?: PolicyChecksProps | false;
}

/** Everything `buildPlatform` created. */
export interface PlatformStacks {
  /** The validated platform with defaults applied. */
  readonly platform: Platform;
  /** The state bootstrap stack, when the platform has remote state. */
  readonly state?: StateStack;
  /** The stacks of each environment, by environment name. */
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
  /** The pipeline identities' bootstrap stack (which also writes the generated pipelines), when the platform has delivery. */
  readonly delivery?: DeliveryStack;
  /** The review rules' bootstrap stack (`governance`), when the platform has governance (see docs/governance.md). */
  readonly governance?: TerraformStack;
  /** The policy checks applied to the app's stacks (undefined with `policy: false`). */
  readonly policy?: PolicyChecks;
}

/**
 * Validates the platform spec and adds its stacks to the app: `state` (when remote state is set) and, per
 * environment, `<env>-platform` and its other stacks, and one `<env>-app-<app>` for each app pinned in the
 * environment (depending on `<env>-platform`; `<env>-gitops` with Flux, or `<env>-argocd-apps` with Argo CD,
 * depends on the app stacks). Throws one `ValidationError` listing every problem of the platform, the apps and
 * the pins before creating any stack when anything is invalid, so nothing is synthesized from a bad spec.
 */
export function buildPlatform(app: App, spec: PlatformSpec, options: BuildPlatformOptions = {}): PlatformStacks {
  const given: { apps?: unknown; pins?: unknown } = options ?? {};
  assertValidSpecs(spec, given.apps ?? [], given.pins ?? {});
  const platform = resolvePlatform(spec);
  const appSpecs = sortedBy(options.apps ?? [], (appSpec) => appSpec.name);
  const pins = options.pins ?? {};
  const state = platform.remoteState ? new StateStack(app, { state: platform.remoteState }) : undefined;
  const environments: Record<string, EnvironmentStacks> = {};
  for (const environment of platform.environments) {
    const platformStack = new PlatformStack(app, { platform, environment });
    if (state) platformStack.addDependency(state);
    // App stacks first: the sync engine's stack takes their identity references (app stacks depend only on the platform).
    const apps: Record<string, AppStack> = {};
    for (const appSpec of appSpecs) {
      const image = ownValue(ownValue(pins, environment.name), appSpec.name);
      if (image === undefined) continue;
      // validated with the whole spec above
      apps[appSpec.name] = withValidatedApp(appSpec, () => new AppStack(app, { platform, environment, app: appSpec, image, platformStack }));
      apps[appSpec.name].addDependency(platformStack);
    }
    const appStacks = Object.values(apps);
    const gitops = new GitOpsStack(app, { platform, environment, apps: appStacks });
    gitops.addDependency(platformStack);
    const argoCdApps = environment.sync === "argocd" ? new ArgoCdAppsStack(app, { platform, environment, gitops, apps: appStacks }) : undefined;
    // Flux reads the apps' client ids in <env>-gitops (post-build substitution), Argo CD in <env>-argocd-apps (kustomize patches).
    for (const appStack of appStacks) (argoCdApps ?? gitops).addDependency(appStack);
    const monitoring = new MonitoringStack(app, {
      platform,
      environment,
      platformStack,
      appAlertTargets: Object.values(apps).map((appStack) => appStack.alertTarget),
    });
    monitoring.addDependency(platformStack);
    gitops.addDependency(monitoring);
    environments[environment.name] = { platform: platformStack, monitoring, gitops, argoCdApps, apps };
  }
  grantPromotedImagePulls(platform, environments);
  const delivery = platform.delivery ? new DeliveryStack(app, { platform, needs: deliveryNeeds(platform, environments) }) : undefined;
  if (delivery && state) delivery.addDependency(state);
  // After delivery: governance reads its identities, and writes the infra CODEOWNERS after the pipeline files.
  const governance = delivery
    ? (addGitHubGovernance(app, platform, delivery, pullRequestCheckNames(platform)) ?? addAzureDevOpsGovernance(app, platform, [delivery]))
    : undefined;
  // Last, so that every stack above is covered.
  const policy = options.policy === false ? undefined : PolicyChecks.applyTo(app, options.policy);
  if (policy) addPlatformSuppressions(platform, environments, delivery);
  writeInBackground(app);
  return { platform, state, environments, delivery, governance, policy };
}

const backgroundApps = new WeakSet<App>();

/**
 * `app.synth()` writes the GitOps files and cdk.tf.json of a large platform from a worker thread, and returns
 * once they are all written (see `BackgroundWrites`).
 */
function writeInBackground(app: App): void {
  if (backgroundApps.has(app)) return;
  backgroundApps.add(app);
  const synth = app.synth.bind(app);
  app.synth = () => BackgroundWrites.during(app.manifest, synth);
}

/**
 * Images are pushed to the registry of the first environment of a promotion chain (dev) and promoted by
 * digest, unchanged: every later environment's cluster gets `AcrPull` on that registry (in its own platform
 * stack, which therefore depends on the first environment's platform stack).
 */
function grantPromotedImagePulls(platform: Platform, environments: Record<string, EnvironmentStacks>): void {
  const byName = new Map(platform.environments.map((environment) => [environment.name, environment]));
  for (const environment of platform.environments) {
    let first = environment;
    while (first.promotesFrom !== undefined) first = byName.get(first.promotesFrom)!;
    if (first === environment) continue;
    const source = environments[first.name].platform;
    const target = environments[environment.name].platform;
    source.containerRegistry.grantPull(target, "PromotedImagesAcrPull", target.cluster);
    target.addDependency(source);
  }
}
