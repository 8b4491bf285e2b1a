import { Duration, DurationRule, durationFix } from "../core/duration";
import { DNS_LABEL_RULE, isDnsLabel } from "../core/kubernetes-names";
import { AppAlertTarget, AppAlertThresholds } from "./app-alert-thresholds";

/** Alert durations (`for`, evaluation intervals): whole minutes or hours from 1m to 24h. */
export const ALERT_DURATION_RULE: DurationRule = { units: ["m", "h"], minSeconds: 60, maxSeconds: 24 * 3600 };

/** Minutes of an alert duration (`15m`, `2h`), or undefined when it is not one (or outside 1m-24h). */
export function alertDurationMinutes(duration: string): number | undefined {
  const parsed = Duration.parse(duration, ALERT_DURATION_RULE);
  return parsed && parsed.seconds / 60;
}

/** An alert duration (`15m`, `2h`) as the ISO 8601 duration Azure Monitor wants (`PT15M`, `PT2H`). */
export function isoDuration(duration: string): string {
  const parsed = Duration.parse(duration, ALERT_DURATION_RULE);
  if (!parsed) throw new Error(`alert duration "${duration}" is not valid; ${durationFix(ALERT_DURATION_RULE)}`);
  return parsed.toIso8601();
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
    problems.push(`${at}: alerts.unavailableFor "${unavailableFor}" is not a valid alert duration; ${durationFix(ALERT_DURATION_RULE)}`);
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
    if (!isDnsLabel(target.name)) {
      problems.push(`${where}: name is not a kubernetes name; ${DNS_LABEL_RULE}`);
    }
    if (!isDnsLabel(target.namespace)) {
      problems.push(`${where}: namespace "${target.namespace}" is not a kubernetes namespace name; ${DNS_LABEL_RULE}`);
    }
    const key = `${target.namespace}/${target.name}`;
    if (seen.has(key)) problems.push(`${where}: app ${key} is listed more than once; list each app once`);
    seen.add(key);
    if (target.alerts) problems.push(...appAlertThresholdProblems(where, target.alerts));
  }
  return problems;
}
