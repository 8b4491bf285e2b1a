import { compareStrings, Duration, durationProblem, hasOwn, isDnsLabel, isDnsSubdomain, isGuid, isKeyVaultSecretName, isLabelValue, isQualifiedName, ownValue, sortedRecord } from "../../lib/core";

describe("Duration", () => {
  test.each([
    ["30s", 30, "PT30S"],
    ["5m", 300, "PT5M"],
    ["90m", 5400, "PT90M"],
    ["120m", 7200, "PT2H"],
    ["1h", 3600, "PT1H"],
  ])("%s is %i seconds, %s in ISO 8601", (text, seconds, iso) => {
    const duration = Duration.parse(text)!;
    expect(duration.seconds).toBe(seconds);
    expect(duration.toIso8601()).toBe(iso);
    expect(duration.toString()).toBe(text);
    expect(duration.toGo()).toBe(text);
    expect(duration.toPrometheus()).toBe(text);
  });

  test.each(["", "0s", "05m", "5", "m", "5d", "1.5h", " 5m", "5m ", "-5m", "5M", "1234567890s", 5, null, undefined, {}])("%p is not a duration", (text) => {
    expect(Duration.parse(text)).toBeUndefined();
  });

  test("rules limit units and bounds", () => {
    const rule = { units: ["m", "h"] as const, minSeconds: 60, maxSeconds: 86400 };
    expect(Duration.parse("30s", rule)).toBeUndefined();
    expect(Duration.parse("25h", rule)).toBeUndefined();
    expect(Duration.parse("24h", rule)?.seconds).toBe(86400);
    expect(durationProblem("x", "for", "25h", rule)).toBe('x: for "25h" is not a valid duration; use a whole number with m or h from 1m to 24h, such as "5m"');
    expect(durationProblem("x", "for", "2h", rule)).toBeUndefined();
  });

  test("compares by length", () => {
    expect(Duration.parse("60s")!.compare(Duration.parse("1m")!)).toBe(0);
    expect(Duration.parse("59s")!.compare(Duration.parse("1m")!)).toBeLessThan(0);
    expect(Duration.of(2, "h").seconds).toBe(7200);
    expect(() => Duration.of(0, "s")).toThrow(/whole number/);
  });
});

describe("kubernetes names", () => {
  test("dns labels", () => {
    expect(isDnsLabel("a")).toBe(true);
    expect(isDnsLabel("a".repeat(63))).toBe(true);
    expect(isDnsLabel("a".repeat(64))).toBe(false);
    for (const bad of ["", "-a", "a-", "A", "a_b", "a.b", 1]) expect(isDnsLabel(bad)).toBe(false);
  });
  test("dns subdomains", () => {
    expect(isDnsSubdomain("shop.contoso.com")).toBe(true);
    expect(isDnsSubdomain(`${"a".repeat(64)}.com`)).toBe(false);
    expect(isDnsSubdomain(`${"a.".repeat(127)}ab`)).toBe(false);
    for (const bad of ["", ".a", "a.", "a..b", "A.b"]) expect(isDnsSubdomain(bad)).toBe(false);
  });
  test("qualified names and label values", () => {
    for (const good of ["app", "app.kubernetes.io/name", "a_b.c-d", "x/Y"]) expect(isQualifiedName(good)).toBe(true);
    for (const bad of ["", "/a", "a/", "-a", "a/b/c", "A_/b", `${"a".repeat(64)}`, "Bad_Prefix/x"]) expect(isQualifiedName(bad)).toBe(false);
    for (const good of ["", "v1", "a.b_c-d"]) expect(isLabelValue(good)).toBe(true);
    for (const bad of ["-a", "a ", "a".repeat(64), "a/b"]) expect(isLabelValue(bad)).toBe(false);
  });
});

describe("azure formats", () => {
  test("guids and key vault secret names", () => {
    expect(isGuid("00000000-0000-0000-0000-000000000000")).toBe(true);
    expect(isGuid("0000000-0000-0000-0000-000000000000")).toBe(false);
    expect(isKeyVaultSecretName("git-token")).toBe(true);
    for (const bad of ["", "a_b", "a".repeat(128), undefined]) expect(isKeyVaultSecretName(bad)).toBe(false);
  });
});

describe("sorting and own properties", () => {
  test("code-unit order, independent of locale", () => {
    expect(["b", "B", "a", "_"].sort(compareStrings)).toEqual(["B", "_", "a", "b"]);
    expect(Object.keys(sortedRecord({ b: 1, a: 2, C: 3 }))).toEqual(["C", "a", "b"]);
  });
  test("own-property lookups ignore Object.prototype", () => {
    expect(hasOwn({}, "constructor")).toBe(false);
    expect(ownValue({}, "toString")).toBeUndefined();
    expect(ownValue({ constructor: "x" }, "constructor")).toBe("x");
    expect(hasOwn(undefined, "a")).toBe(false);
  });
});
