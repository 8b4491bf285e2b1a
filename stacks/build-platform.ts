import { App } from "cdktf";
import { PlatformSpec } from "../lib/environment/environment-spec";
import { Platform, resolvePlatform } from "../lib/environment/resolve-platform";
import { ArgoCdAppsStack } from "./argocd-apps-stack";
import { GitOpsStack } from "./gitops-stack";
import { PlatformStack } from "./platform-stack";
import { StateStack } from "./state-stack";

/** The stacks of one environment. */
export interface EnvironmentStacks {
  /** `<env>-platform`: network, AKS, registry, Key Vault, Log Analytics. */
  readonly platform: PlatformStack;
  /** `<env>-gitops`: the sync engine (Flux or Argo CD) pointed at the environment's GitOps folder. */
  readonly gitops: GitOpsStack;
  /** `<env>-argocd-apps`: Argo CD AppProjects and Applications (Argo CD environments only). */
  readonly argoCdApps?: ArgoCdAppsStack;
}

/** Options of `buildPlatform`. */
export interface BuildPlatformOptions {}

/** Everything `buildPlatform` created. */
export interface PlatformStacks {
  /** The validated platform with defaults applied. */
  readonly platform: Platform;
  /** The state bootstrap stack, when the platform has remote state. */
  readonly state?: StateStack;
  /** The stacks of each environment, by environment name. */
  readonly environments: Readonly<Record<string, EnvironmentStacks>>;
}

/**
 * Validates the platform spec and adds its stacks to the app: `state` (when remote state is set) and, per
 * environment, `<env>-platform`. Throws before creating any stack when the spec is invalid, so nothing is
 * synthesized from a bad spec.
 */
export function buildPlatform(app: App, spec: PlatformSpec, _options: BuildPlatformOptions = {}): PlatformStacks {
  const platform = resolvePlatform(spec);
  const state = platform.remoteState ? new StateStack(app, { state: platform.remoteState }) : undefined;
  const environments: Record<string, EnvironmentStacks> = {};
  for (const environment of platform.environments) {
    const platformStack = new PlatformStack(app, { platform, environment });
    if (state) platformStack.addDependency(state);
    const gitops = new GitOpsStack(app, { platform, environment });
    gitops.addDependency(platformStack);
    const argoCdApps = environment.sync === "argocd" ? new ArgoCdAppsStack(app, { platform, environment, gitops }) : undefined;
    environments[environment.name] = { platform: platformStack, gitops, argoCdApps };
  }
  return { platform, state, environments };
}
