import { AzurermBackend, LocalBackend, TerraformStack } from "cdktf";
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

/**
 * Keeps a stack's state in a local file at the project root, `terraform.<stack>.tfstate`, given relative to
 * the stack's working directory (`cdktf.out/stacks/<stack>/`). cdktf's own default is the same file as an
 * absolute path, which would make the synthesized JSON (and cross-stack remote state lookups) differ from
 * one checkout folder to the next.
 */
export function addLocalStateBackend(stack: TerraformStack): LocalBackend {
  return new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
}
