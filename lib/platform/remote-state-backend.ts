import { AzurermBackend, TerraformStack } from "cdktf";
import { ResolvedRemoteState } from "../environment/resolve-platform";

/**
 * Points a stack's state at the shared state storage account, under `<env>/<stack>.tfstate`, with Azure AD
 * (OIDC in CI) auth and no access keys.
 */
export function addRemoteStateBackend(stack: TerraformStack, state: ResolvedRemoteState, environment: string, stackName: string): AzurermBackend {
  return new AzurermBackend(stack, {
    resourceGroupName: state.resourceGroupName,
    storageAccountName: state.storageAccountName,
    containerName: state.containerName,
    key: `${environment}/${stackName}.tfstate`,
    subscriptionId: state.subscriptionId,
    useAzureadAuth: true,
    useOidc: true,
  });
}
