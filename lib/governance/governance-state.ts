import { AzurermBackend, TerraformStack } from "cdktf";
import { ResolvedRemoteState } from "../environment/resolve-platform";
import { addLocalStateBackend } from "../platform/remote-state-backend";

/** The state file of the governance stack in the state container: outside every `<env>/` folder the pipelines may touch. */
export const GOVERNANCE_STATE_KEY = "governance.tfstate";

/**
 * Keeps the governance stack's state in the shared state container under `governance.tfstate` (Azure AD auth, no
 * access keys), or, without remote state, in a local file at the project root like the `state` stack.
 */
export function addGovernanceStateBackend(stack: TerraformStack, state: ResolvedRemoteState | undefined): void {
  if (!state) {
    addLocalStateBackend(stack);
    return;
  }
  new AzurermBackend(stack, {
    resourceGroupName: state.resourceGroupName,
    storageAccountName: state.storageAccountName,
    containerName: state.containerName,
    key: GOVERNANCE_STATE_KEY,
    subscriptionId: state.subscriptionId,
    useAzureadAuth: true,
    useOidc: true,
  });
}
