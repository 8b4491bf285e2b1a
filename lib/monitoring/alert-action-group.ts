import { MonitorActionGroup } from "@cdktf/provider-azurerm/lib/monitor-action-group";
import { Construct } from "constructs";
import { Environment, ResourceContext } from "../environment/environment";
import { azureNameProblem } from "../environment/azure-names";
import { IResourceGroup } from "../platform/environment-resource-group";

/** Props of an `AlertActionGroup`. */
export interface AlertActionGroupProps {
  /** The environment: names, tags, `emailReceivers` and `webhookReceivers`. */
  readonly environment: ResourceContext & Pick<Environment, "emailReceivers" | "name" | "project" | "webhookReceivers">;
  /** The resource group of the action group. */
  readonly resourceGroup: IResourceGroup;
}

/** An action group as other constructs refer to it: the one an `AlertActionGroup` creates, or an existing one. */
export interface IActionGroup {
  /** Action group resource id. */
  readonly id: string;
}

/**
 * The environment's action group: every alert of the environment goes to it. One e-mail receiver per
 * address of `emailReceivers` and one webhook receiver per `webhookReceivers` entry, all with the common
 * alert schema. Its short name (shown in e-mails and SMS, at most 12 characters) is `<project>-<env>` when
 * that fits, else the environment name.
 */
export class AlertActionGroup extends Construct implements IActionGroup {
  /** An existing action group, by resource id. */
  public static fromId(id: string): IActionGroup {
    return { id };
  }

  /** The azurerm action group. */
  public readonly resource: MonitorActionGroup;
  /** Action group resource id. */
  public readonly id: string;

  constructor(scope: Construct, id: string, props: AlertActionGroupProps) {
    super(scope, id);
    const env = props.environment;
    const shortName = actionGroupShortName(env);
    const problem = azureNameProblem("actionGroupShortName", shortName);
    if (problem) throw new Error(`${this.node.path}: ${problem}; use an environment name of at most 12 characters`);
    this.resource = new MonitorActionGroup(this, "Resource", {
      name: env.names.of("actionGroup"),
      resourceGroupName: props.resourceGroup.name,
      location: "global",
      shortName,
      emailReceiver: env.emailReceivers.map((emailAddress, i) => ({
        name: `email-${i + 1}`,
        emailAddress,
        useCommonAlertSchema: true,
      })),
      webhookReceiver: env.webhookReceivers.map((hook) => ({
        name: hook.name,
        serviceUri: hook.url,
        useCommonAlertSchema: true,
      })),
      tags: env.tags,
    });
    this.id = this.resource.id;
  }
}

/** `<project>-<env>` when it fits the 12 characters of an action group short name, else the environment name. */
function actionGroupShortName(env: Pick<Environment, "name" | "project">): string {
  const full = `${env.project}-${env.name}`;
  return full.length <= 12 ? full : env.name;
}
