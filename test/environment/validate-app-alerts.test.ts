import { alertDurationMinutes, appAlertTargetProblems, appAlertThresholdProblems, isoDuration } from "../../lib/environment/validate-app-alerts";

describe("alert durations", () => {
  test.each([
    ["1m", 1, "PT1M"],
    ["15m", 15, "PT15M"],
    ["90m", 90, "PT90M"],
    ["120m", 120, "PT2H"],
    ["2h", 120, "PT2H"],
    ["24h", 1440, "PT24H"],
  ])("%s is %d minutes, %s", (duration, minutes, iso) => {
    expect(alertDurationMinutes(duration)).toBe(minutes);
    expect(isoDuration(duration)).toBe(iso);
  });

  test.each(["0m", "5", "5x", "30s", "1d", "25h", "1h30m", " 5m", "-5m", "05m"])("%s is rejected", (duration) => {
    expect(alertDurationMinutes(duration)).toBeUndefined();
    expect(() => isoDuration(duration)).toThrow(`alert duration "${duration}" is not valid; use a whole number with m or h from 1m to 24h, such as "5m"`);
  });
});

describe("appAlertThresholdProblems", () => {
  test("accepts thresholds in range", () => {
    expect(appAlertThresholdProblems("x", { maxRestartsIn15m: 1, unavailableFor: "1h", severity: 0 })).toEqual([]);
    expect(appAlertThresholdProblems("x", { maxRestartsIn15m: 100, severity: 4 })).toEqual([]);
    expect(appAlertThresholdProblems("x", {})).toEqual([]);
  });

  test.each([
    [{ maxRestartsIn15m: 0 }, 'at: alerts.maxRestartsIn15m 0 is out of range; use a whole number from 1 to 100'],
    [{ maxRestartsIn15m: 101 }, "at: alerts.maxRestartsIn15m 101 is out of range; use a whole number from 1 to 100"],
    [{ maxRestartsIn15m: 2.5 }, "at: alerts.maxRestartsIn15m 2.5 is out of range; use a whole number from 1 to 100"],
    [{ unavailableFor: "5 minutes" }, 'at: alerts.unavailableFor "5 minutes" is not a valid alert duration; use a whole number with m or h from 1m to 24h, such as "5m"'],
    [{ severity: 5 }, "at: alerts.severity 5 is out of range; use an azure monitor severity from 0 (critical) to 4 (verbose)"],
    [{ severity: -1 }, "at: alerts.severity -1 is out of range; use an azure monitor severity from 0 (critical) to 4 (verbose)"],
  ])("%j is rejected", (alerts, message) => {
    expect(appAlertThresholdProblems("at", alerts)).toEqual([message]);
  });
});

describe("appAlertTargetProblems", () => {
  test("accepts valid targets", () => {
    expect(appAlertTargetProblems("at", [{ name: "web", namespace: "shop" }, { name: "web", namespace: "other" }])).toEqual([]);
  });

  test("rejects names that are not kubernetes names, duplicates and bad thresholds, naming the app", () => {
    expect(
      appAlertTargetProblems("dev-monitoring: appAlertTargets", [
        { name: 'web"}', namespace: "shop" },
        { name: "api", namespace: "Shop" },
        { name: "db", namespace: "data", alerts: { unavailableFor: "forever" } },
        { name: "db", namespace: "data" },
      ]),
    ).toEqual([
      'dev-monitoring: appAlertTargets: app "web"}": name is not a kubernetes name; use 1-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit',
      'dev-monitoring: appAlertTargets: app "api": namespace "Shop" is not a kubernetes namespace name; use 1-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit',
      'dev-monitoring: appAlertTargets: app "db": alerts.unavailableFor "forever" is not a valid alert duration; use a whole number with m or h from 1m to 24h, such as "5m"',
      'dev-monitoring: appAlertTargets: app "db": app data/db is listed more than once; list each app once',
    ]);
  });
});
