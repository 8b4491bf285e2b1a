import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ResolvedRemoteState } from "../lib/environment/resolve-platform";
import { addLocalStateBackend } from "../lib/platform/remote-state-backend";
import { RemoteStateStorage } from "../lib/platform/remote-state-storage";

/** Props of a `StateStack`. */
export interface StateStackProps {
  /** Where the state of all other stacks lives. */
  readonly state: ResolvedRemoteState;
}

/**
 * `state`: the bootstrap stack that creates the state storage account. It keeps its own state in a local
 * file at the project root (`terraform.state.tfstate`, to be kept safe), since the remote store does not exist yet.
 */
export class StateStack extends TerraformStack {
  public readonly storage: RemoteStateStorage;

  constructor(scope: Construct, props: StateStackProps) {
    super(scope, "state");
    addLocalStateBackend(this);
    new AzurermProvider(this, "azurerm", {
      features: [{}],
      subscriptionId: props.state.subscriptionId,
      storageUseAzuread: true,
      useOidc: true,
    });
    this.storage = new RemoteStateStorage(this, "StateStorage", { state: props.state });
  }
}
