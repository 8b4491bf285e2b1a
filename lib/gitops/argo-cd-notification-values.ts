import type { GitHubRepository } from "../environment/delivery-spec";
import { commitStatusContext } from "./commit-status-context";
import { ARGO_CD_ROLLBACK_EVENT_TYPE, ARGO_CD_ROLLBACK_SOURCE, ARGO_CD_ROLLBACK_TRIGGERS, ROLLBACK_ENVIRONMENT_KEY } from "./rollback-dispatch";

/** The Secret the Argo CD notifications controller reads (the chart's `notifications.secret.name`). */
export const ARGO_CD_NOTIFICATIONS_SECRET = "argocd-notifications-secret";
/** Name of the Argo CD webhook service that sends the repository_dispatch. */
export const ARGO_CD_DISPATCH_SERVICE = "cdktf-gitops-dispatch";

/** Props of `argoCdNotificationValues`. */
export interface ArgoCdFeedbackProps {
  readonly environment: string;
  /** The GitHub App that sets commit statuses (Argo CD's GitHub service takes an app, not a token). */
  readonly statusApp: { readonly appId: number; readonly installationId: number };
  /** Names of the Applications by layer. */
  readonly applications: Readonly<Record<"infrastructure" | "apps", string>>;
  /** Where rollback requests go. @default - no rollback requests */
  readonly rollbackRepository?: GitHubRepository;
}

/** Keys in `argocd-notifications-secret`. */
export const ARGO_CD_SECRET_KEYS = { statusPrivateKey: "github-privateKey", dispatchToken: "github-dispatch-token" } as const;

/**
 * The argo-cd chart's `notifications` values: the GitHub service (commit statuses, context per environment and
 * layer) on sync success, sync failure and degraded health, and with a rollback repository a webhook service
 * and templates that send `repository_dispatch` (`event_type` cdktf-gitops-rollback) once per revision when the
 * apps Application degrades or its sync fails. The chart does not create the Secret: it is synced from Key Vault.
 */
export function argoCdNotificationValues(props: ArgoCdFeedbackProps): Record<string, unknown> {
  const values: NotificationValues = {
    notifiers: {
      "service.github": `appID: ${props.statusApp.appId}\ninstallationID: ${props.statusApp.installationId}\nprivateKey: $${ARGO_CD_SECRET_KEYS.statusPrivateKey}\n`,
    },
    templates: {},
    triggers: {},
    subscriptions: [],
  };
  addStatusNotifications(values, props);
  if (props.rollbackRepository) addRollbackNotifications(values, props.environment, props.applications.apps, props.rollbackRepository);
  return { secret: { create: false, name: ARGO_CD_NOTIFICATIONS_SECRET }, ...values };
}

/** The parts of the chart's `notifications` values that the status and rollback notifications add to. */
interface NotificationValues {
  readonly notifiers: Record<string, string>;
  readonly templates: Record<string, string>;
  readonly triggers: Record<string, string>;
  readonly subscriptions: Record<string, unknown>[];
}

/** When an Application's sync succeeded (and it is healthy), failed, or its health degraded (Argo CD's expr language). */
const CONDITIONS = {
  succeeded: "app.status.operationState != nil and app.status.operationState.phase == 'Succeeded' and app.status.health.status == 'Healthy'",
  failed: "app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']",
  degraded: "app.status.health.status == 'Degraded'",
} as const;

/** A trigger on one Application that sends `template` once per revision while `condition` holds. */
function trigger(application: string, condition: string, template: string): string {
  return `- when: app.metadata.name == ${quote(application)} and ${condition}\n  oncePer: app.status.sync.revision\n  send: [${template}]\n`;
}

/** Commit statuses: for every layer's Application, a template and trigger per outcome, all sent to `github`. */
function addStatusNotifications(values: NotificationValues, props: ArgoCdFeedbackProps): void {
  const env = props.environment;
  const states = { succeeded: "success", failed: "failure", degraded: "failure" } as const;
  const statusTriggers: string[] = [];
  for (const [layer, application] of Object.entries(props.applications)) {
    for (const [event, state] of Object.entries(states)) {
      const name = `cdktf-gitops-status-${layer}-${event}`;
      values.templates[`template.${name}`] = [
        `message: ${JSON.stringify(`${env} ${layer}: sync ${event}`)}`,
        "github:",
        '  repoURLPath: "{{.app.spec.source.repoURL}}"',
        '  revisionPath: "{{.app.status.sync.revision}}"',
        "  status:",
        `    state: ${state}`,
        `    label: ${JSON.stringify(commitStatusContext(env, layer))}`,
        "",
      ].join("\n");
      values.triggers[`trigger.${name}`] = trigger(application, CONDITIONS[event as keyof typeof CONDITIONS], name);
      statusTriggers.push(name);
    }
  }
  values.subscriptions.push({ recipients: ["github"], triggers: statusTriggers });
}

/** Rollback requests: a webhook service to the GitHub API, and a dispatch template and trigger per rollback trigger of the apps Application. */
function addRollbackNotifications(values: NotificationValues, environment: string, appsApplication: string, repository: GitHubRepository): void {
  values.notifiers[`service.webhook.${ARGO_CD_DISPATCH_SERVICE}`] = [
    "url: https://api.github.com",
    "headers:",
    "  - name: Accept",
    "    value: application/vnd.github+json",
    "  - name: X-GitHub-Api-Version",
    '    value: "2022-11-28"',
    "  - name: Authorization",
    `    value: Bearer $${ARGO_CD_SECRET_KEYS.dispatchToken}`,
    "",
  ].join("\n");
  const rollbackTriggers: string[] = [];
  for (const [key, event] of Object.entries(ARGO_CD_ROLLBACK_TRIGGERS)) {
    const name = `cdktf-gitops-rollback-${event.replace(/^on-/, "")}`;
    values.templates[`template.${name}`] = [
      "webhook:",
      `  ${ARGO_CD_DISPATCH_SERVICE}:`,
      "    method: POST",
      `    path: /repos/${repository.owner}/${repository.name}/dispatches`,
      "    body: |",
      `      ${argoCdDispatchBody(environment, event)}`,
      "",
    ].join("\n");
    values.triggers[`trigger.${name}`] = trigger(appsApplication, key === "healthDegraded" ? CONDITIONS.degraded : CONDITIONS.failed, name);
    rollbackTriggers.push(name);
  }
  values.subscriptions.push({ recipients: [ARGO_CD_DISPATCH_SERVICE], triggers: rollbackTriggers });
}

/**
 * The JSON body of the Argo CD rollback dispatch (a Go template): the fields `readDispatchEvent` reads. Every
 * templated value is an Argo CD status field (a commit hash, a name or an enum), so none can break the JSON.
 */
export function argoCdDispatchBody(environment: string, trigger: string): string {
  return JSON.stringify({
    event_type: ARGO_CD_ROLLBACK_EVENT_TYPE,
    client_payload: {
      source: ARGO_CD_ROLLBACK_SOURCE,
      [ROLLBACK_ENVIRONMENT_KEY]: environment,
      application: "{{.app.metadata.name}}",
      trigger,
      revision: "{{.app.status.sync.revision}}",
      health: "{{.app.status.health.status}}",
      sync: "{{.app.status.sync.status}}",
    },
  });
}

/** A string literal of Argo CD's trigger language (expr): single-quoted. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
