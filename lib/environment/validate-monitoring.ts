import { isGuid } from "../core/azure-formats";
import { MonitoringSpec, Tier } from "./environment-spec";

/** E-mail addresses as Azure Monitor action groups accept them (one `@`, a dot in the domain, no spaces). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEBHOOK_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9]{0,62}$/;
/** An https URL; credentials in it are found by the secret scan of the whole environment. */
const WEBHOOK_URL = /^https:\/\/[^\s/?#]+(\/[^\s]*)?$/;

/** Problems of an environment's alert receivers and Grafana admins. */
export function monitoringProblems(at: string, tier: Tier, monitoring: MonitoringSpec | undefined): string[] {
  const problems: string[] = [];
  const emails = monitoring?.emailReceivers ?? [];
  const webhooks = monitoring?.webhookReceivers ?? [];
  for (const email of emails) {
    if (!EMAIL.test(email)) problems.push(`${at}: monitoring.emailReceivers contains "${email}", which is not an e-mail address; use an address such as ops@contoso.com`);
  }
  const hookNames = new Set<string>();
  for (const hook of webhooks) {
    if (!WEBHOOK_NAME.test(hook.name)) {
      problems.push(`${at}: monitoring webhook name "${hook.name}" is not valid; use 1-63 letters, digits and hyphens`);
    }
    if (hookNames.has(hook.name)) problems.push(`${at}: monitoring webhook name "${hook.name}" is used twice; webhook names must be unique`);
    hookNames.add(hook.name);
    if (!WEBHOOK_URL.test(hook.url)) {
      problems.push(`${at}: monitoring webhook "${hook.name}" url is not an https url; use an https:// url`);
    }
  }
  if (tier === "prod" && emails.length + webhooks.length === 0) {
    problems.push(`${at}: prod environment has no alert receivers; set monitoring.emailReceivers or monitoring.webhookReceivers`);
  }
  const group = monitoring?.grafanaAdminGroupObjectId;
  if (group !== undefined && !isGuid(group)) {
    problems.push(`${at}: monitoring.grafanaAdminGroupObjectId "${group}" is not an object id; use the group's guid`);
  }
  return problems;
}
