import { AppAlertTarget, AppAlertThresholds } from "./app-alert-thresholds";

const ALERT_DURATION = /^([1-9]\d*)(m|h)$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_DURATION_MINUTES = 24 * 60;

/** Minutes of an alert duration (`15m`, `2h`), or undefined when it is not one (or outside 1m-24h). */
export function alertDurationMinutes(duration: string): number | undefined {
  const match = ALERT_DURATION.exec(duration);
  if (!match) return undefined;
  const minutes = Number(match[1]) * (match[2] === "h" ? 60 : 1);
  return minutes <= MAX_DURATION_MINUTES ? minutes : undefined;
}

/** An alert duration (`15m`, `2h`) as the ISO 8601 duration Azure Monitor wants (`PT15M`, `PT2H`). */
export function isoDuration(duration: string): string {
  const minutes = alertDurationMinutes(duration);
  if (minutes === undefined) {
    throw new Error(`alert duration "${duration}" is not valid; use whole minutes or hours from 1m to 24h, such as "5m"`);
  }
  return minutes % 60 === 0 ? `PT${minutes / 60}H` : `PT${minutes}M`;
}

/** Problems of an app's own alert thresholds, each naming `at`, the field, the bad value and the fix. */
export function appAlertThresholdProblems(at: string, alerts: AppAlertThresholds): string[] {
  const problems: string[] = [];
  const restarts = alerts.maxRestartsIn15m;
  if (restarts !== undefined && (!Number.isInteger(restarts) || restarts < 1 || restarts > 100)) {
    problems.push(`${at}: alerts.maxRestartsIn15m ${restarts} is out of range; use a whole number from 1 to 100`);
  }
  const unavailableFor = alerts.unavailableFor;
  if (unavailableFor !== undefined && alertDurationMinutes(unavailableFor) === undefined) {
    problems.push(`${at}: alerts.unavailableFor "${unavailableFor}" is not a valid alert duration; use whole minutes or hours from 1m to 24h, such as "5m"`);
  }
  const severity = alerts.severity;
  if (severity !== undefined && (!Number.isInteger(severity) || severity < 0 || severity > 4)) {
    problems.push(`${at}: alerts.severity ${severity} is out of range; use an azure monitor severity from 0 (critical) to 4 (verbose)`);
  }
  return problems;
}

/**
 * Problems of the apps the monitoring stack alerts on: names and namespaces must be Kubernetes names (they
 * go into PromQL label matchers), each app listed once, and thresholds in range.
 */
export function appAlertTargetProblems(at: string, targets: readonly AppAlertTarget[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const where = `${at}: app "${target.name}"`;
    if (target.name.length > 63 || !DNS_LABEL.test(target.name)) {
      problems.push(`${where}: name is not a kubernetes name; use 1-63 lower-case letters, digits and hyphens`);
    }
    if (target.namespace.length > 63 || !DNS_LABEL.test(target.namespace)) {
      problems.push(`${where}: namespace "${target.namespace}" is not a kubernetes namespace name; use 1-63 lower-case letters, digits and hyphens`);
    }
    const key = `${target.namespace}/${target.name}`;
    if (seen.has(key)) problems.push(`${where}: app ${key} is listed more than once; list each app once`);
    seen.add(key);
    if (target.alerts) problems.push(...appAlertThresholdProblems(where, target.alerts));
  }
  return problems;
}
