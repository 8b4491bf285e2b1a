import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { TerraformBackend, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { Environment } from "../lib/environment/environment";
import { Platform } from "../lib/environment/resolve-platform";
import { addLocalStateBackend, addRemoteStateBackend } from "../lib/platform/remote-state-backend";

/** Props of every per-environment stack. */
export interface EnvironmentStackProps {
  /** The validated platform (for the remote state settings). */
  readonly platform: Platform;
  /** The environment this stack belongs to. */
  readonly environment: Environment;
}

/**
 * Base of the per-environment stacks, with id `<env>-<stackName>`: configures the azurerm provider for the
 * environment's subscription (Azure AD auth for storage, OIDC in CI) and, when the platform has remote
 * state, an azurerm backend with key `<env>/<stackName>.tfstate` (otherwise a local state file at the project
 * root, `terraform.<env>-<stackName>.tfstate`).
 */
export class EnvironmentStack extends TerraformStack {
  /** The environment this stack belongs to. */
  public readonly environment: Environment;
  /** The azurerm provider of this stack. */
  public readonly azurerm: AzurermProvider;

  constructor(scope: Construct, stackName: string, props: EnvironmentStackProps) {
    super(scope, `${props.environment.name}-${stackName}`);
    this.environment = props.environment;
    if (props.platform.remoteState) {
      addRemoteStateBackend(this, props.platform.remoteState, props.environment.name, stackName);
    } else {
      addLocalStateBackend(this);
    }
    this.azurerm = new AzurermProvider(this, "azurerm", {
      features: [{ keyVault: [{ purgeSoftDeleteOnDestroy: false }] }],
      subscriptionId: props.environment.subscriptionId,
      storageUseAzuread: true,
      useOidc: true,
    });
  }

  /**
   * The stack's backend as cdktf's `ensureBackendExists` finds it (the first in the construct tree, else a new
   * local one), by a plain walk: cdktf's runs an async function for each construct, and cdktf asks for the
   * backend at every cross-stack reference a stack registers (3,004 times, 27 ms, with 1,000 apps).
   */
  public ensureBackendExists(): TerraformBackend {
    return firstBackend(this) ?? super.ensureBackendExists();
  }

  /** Throws when a stack of another environment is among `stacks` (e.g. the app stacks passed to the engine's stack). */
  protected assertSameEnvironment(prop: string, stacks: readonly EnvironmentStack[]): void {
    for (const stack of stacks) {
      if (stack.environment.name !== this.environment.name) {
        throw new Error(`${this.node.path}: ${prop} contains ${stack.node.id} of environment "${stack.environment.name}"; pass only the app stacks of "${this.environment.name}"`);
      }
    }
  }
}

/** The first backend below `construct` in pre-order (the order of cdktf's `findAll`). */
function firstBackend(construct: IConstruct): TerraformBackend | undefined {
  if (TerraformBackend.isBackend(construct)) return construct;
  for (const child of construct.node.children) {
    const found = firstBackend(child);
    if (found) return found;
  }
  return undefined;
}
