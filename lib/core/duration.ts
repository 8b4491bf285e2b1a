/** A unit of a `Duration` as written: seconds, minutes, hours. */
export type DurationUnit = "s" | "m" | "h";

const UNIT_SECONDS: Readonly<Record<DurationUnit, number>> = { s: 1, m: 60, h: 3600 };
const DURATION_TEXT = /^([1-9]\d{0,8})(s|m|h)$/;

/** Bounds and units a caller accepts for a duration (`parseDuration`, `durationProblem`). */
export interface DurationRule {
  /**
   * Units allowed in the text.
   * @default ["s", "m", "h"]
   */
  readonly units?: readonly DurationUnit[];
  /**
   * Shortest duration allowed, in seconds.
   * @default 1
   */
  readonly minSeconds?: number;
  /**
   * Longest duration allowed, in seconds.
   * @default - no upper bound
   */
  readonly maxSeconds?: number;
}

/**
 * A whole, positive duration written as one number and one unit (`30s`, `5m`, `1h`): the one duration format
 * of the spec and the constructs. Parsed once, compared in seconds, and formatted for where it lands: Flux and
 * Argo CD (`5m`, Go duration syntax), Prometheus (`5m`), Azure Monitor (ISO 8601, `PT5M`), or seconds.
 */
export class Duration {
  /** Parses `text`, or returns undefined when it is not a duration (or breaks `rule`). */
  public static parse(text: unknown, rule: DurationRule = {}): Duration | undefined {
    if (typeof text !== "string") return undefined;
    const match = DURATION_TEXT.exec(text);
    if (!match) return undefined;
    const unit = match[2] as DurationUnit;
    if (rule.units && !rule.units.includes(unit)) return undefined;
    const duration = new Duration(Number(match[1]), unit);
    if (duration.seconds < (rule.minSeconds ?? 1)) return undefined;
    if (rule.maxSeconds !== undefined && duration.seconds > rule.maxSeconds) return undefined;
    return duration;
  }

  /** A duration of whole seconds, minutes or hours. */
  public static of(amount: number, unit: DurationUnit): Duration {
    if (!Number.isInteger(amount) || amount < 1) throw new RangeError(`duration amount ${amount} is not a whole number of at least 1; use a whole number such as 5`);
    return new Duration(amount, unit);
  }

  /** The length in seconds. */
  public readonly seconds: number;

  private constructor(
    /** The number as written. */
    public readonly amount: number,
    /** The unit as written. */
    public readonly unit: DurationUnit,
  ) {
    this.seconds = amount * UNIT_SECONDS[unit];
  }

  /** Negative, zero or positive as this duration is shorter than, as long as or longer than `other`. */
  public compare(other: Duration): number {
    return this.seconds - other.seconds;
  }

  /** The duration as written (`5m`): what Flux, Argo CD and Prometheus take. */
  public toString(): string {
    return `${this.amount}${this.unit}`;
  }

  /** Go duration syntax, as Flux and Argo CD read it (`5m`). */
  public toGo(): string {
    return this.toString();
  }

  /** Prometheus duration syntax (`5m`). */
  public toPrometheus(): string {
    return this.toString();
  }

  /** ISO 8601 in the largest whole unit (`PT5M`, `PT2H`, `PT30S`), as Azure Monitor wants. */
  public toIso8601(): string {
    if (this.seconds % 3600 === 0) return `PT${this.seconds / 3600}H`;
    if (this.seconds % 60 === 0) return `PT${this.seconds / 60}M`;
    return `PT${this.seconds}S`;
  }
}

/** The units of a rule, written for a message: `s, m or h`. */
function unitList(units: readonly DurationUnit[]): string {
  return units.length === 1 ? units[0] : `${units.slice(0, -1).join(", ")} or ${units[units.length - 1]}`;
}

/** How to write a valid duration under `rule`, for the fix part of a message: `use a whole number with m or h ...`. */
export function durationFix(rule: DurationRule = {}, example = "5m"): string {
  const units = rule.units ?? (["s", "m", "h"] as const);
  const range = rule.maxSeconds !== undefined ? ` from ${formatSeconds(rule.minSeconds ?? 1, units)} to ${formatSeconds(rule.maxSeconds, units)}` : "";
  return `use a whole number with ${unitList(units)}${range}, such as "${example}"`;
}

function formatSeconds(seconds: number, units: readonly DurationUnit[]): string {
  for (const unit of ["h", "m", "s"] as const) {
    if (units.includes(unit) && seconds % UNIT_SECONDS[unit] === 0) return `${seconds / UNIT_SECONDS[unit]}${unit}`;
  }
  return `${seconds}s`;
}

/** The problem of a duration field (`at: field "x" is not a duration; use ...`), or undefined when it is valid. */
export function durationProblem(at: string, field: string, text: unknown, rule: DurationRule = {}, example = "5m"): string | undefined {
  if (Duration.parse(text, rule)) return undefined;
  return `${at}: ${field} ${JSON.stringify(text)} is not a valid duration; ${durationFix(rule, example)}`;
}
