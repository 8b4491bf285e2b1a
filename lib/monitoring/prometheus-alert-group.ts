import { MonitorAlertPrometheusRuleGroup } from "@cdktf/provider-azurerm/lib/monitor-alert-prometheus-rule-group";
import { Construct } from "constructs";
import { ResourceContext } from "../environment/environment";
import { IAksCluster } from "../platform/aks-cluster";
import { IResourceGroup } from "../platform/environment-resource-group";
import { IActionGroup } from "./alert-action-group";
import { AlertRule } from "./alert-rules";
import { IMonitorWorkspace } from "./monitor-workspace";
import { Duration, durationFix } from "../core/duration";
import { ALERT_DURATION_RULE, alertDurationMinutes, isoDuration } from "../environment/validate-app-alerts";

/** Props of a `PrometheusAlertGroup`. */
export interface PrometheusAlertGroupProps {
  /** The environment: names, region and tags. */
  readonly environment: ResourceContext;
  /** The resource group of the rule group. */
  readonly resourceGroup: IResourceGroup;
  /** Suffix of the rule group name, `prg-<project>-<env>-<name>`, e.g. `platform`. */
  readonly name: string;
  /** What the group alerts on, for the Azure description. */
  readonly description: string;
  /** The alert rules (at most 20, the Azure limit per group). */
  readonly rules: readonly AlertRule[];
  /** The workspace whose metrics the rules evaluate. */
  readonly workspace: IMonitorWorkspace;
  /** The cluster the rules are limited to. */
  readonly cluster: IAksCluster;
  /** Where every alert goes. */
  readonly actionGroup: IActionGroup;
  /**
   * How often the rules are evaluated, `1m`-`15m`.
   * @default "1m"
   */
  readonly interval?: string;
}

/**
 * An Azure Monitor Prometheus rule group of alert rules, limited to one cluster, evaluated against the
 * environment's Azure Monitor workspace; every rule routes to the action group and resolves automatically
 * 10 minutes after its condition clears.
 */
export class PrometheusAlertGroup extends Construct {
  /** The azurerm Prometheus rule group. */
  public readonly resource: MonitorAlertPrometheusRuleGroup;
  /** The rules of the group. */
  public readonly rules: readonly AlertRule[];

  constructor(scope: Construct, id: string, props: PrometheusAlertGroupProps) {
    super(scope, id);
    const env = props.environment;
    const interval = props.interval ?? "1m";
    if (!Duration.parse(interval, RULE_GROUP_INTERVAL)) {
      throw new Error(`${this.node.path}: interval "${interval}" is not valid; azure evaluates rule groups every 1m to 15m, such as "1m"`);
    }
    if (props.rules.length === 0 || props.rules.length > 20) {
      throw new Error(`${this.node.path}: rules has ${props.rules.length} rules; a prometheus rule group holds 1 to 20, split the rules into groups`);
    }
    const names = props.rules.map((rule) => rule.alert);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) {
      throw new Error(`${this.node.path}: alert "${duplicate}" appears twice in rules; give every alert of a group its own name`);
    }
    for (const rule of props.rules) {
      const problem = alertRuleProblem(rule);
      if (problem) throw new Error(`${this.node.path}: alert "${rule.alert}": ${problem}`);
    }
    this.rules = props.rules;
    this.resource = new MonitorAlertPrometheusRuleGroup(this, "Resource", {
      name: env.names.of("prometheusRuleGroup", props.name),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      clusterName: props.cluster.name,
      description: props.description,
      interval: isoDuration(interval),
      ruleGroupEnabled: true,
      scopes: [props.workspace.id],
      rule: props.rules.map((rule) => ({
        alert: rule.alert,
        enabled: true,
        expression: rule.expression,
        for: rule.for === undefined ? undefined : isoDuration(rule.for),
        severity: rule.severity,
        labels: { ...rule.labels },
        annotations: { ...rule.annotations },
        action: [{ actionGroupId: props.actionGroup.id }],
        alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
      })),
      tags: env.tags,
    });
  }
}

/** Azure evaluates Prometheus rule groups every 1 to 15 minutes. */
const RULE_GROUP_INTERVAL = { units: ["m"], minSeconds: 60, maxSeconds: 15 * 60 } as const;

/** Why Azure would reject `rule` at apply time (or it would never fire), in words, or undefined. */
function alertRuleProblem(rule: AlertRule): string | undefined {
  if (rule.alert.trim().length === 0) return "alert is empty; give the alert a name such as \"CheckoutErrors\"";
  if (rule.expression.trim().length === 0) return "expression is empty; use a promql expression";
  if (rule.for !== undefined && alertDurationMinutes(rule.for) === undefined) {
    return `for "${rule.for}" is not a valid alert duration; ${durationFix(ALERT_DURATION_RULE)}`;
  }
  if (!Number.isInteger(rule.severity) || rule.severity < 0 || rule.severity > 4) {
    return `severity ${rule.severity} is out of range; use an azure monitor severity from 0 (critical) to 4 (verbose)`;
  }
  return undefined;
}
