import * as fs from "fs";
import * as path from "path";
import { compareStrings, sortedRecord } from "../core/sorting";
import { throwIfProblems, ValidationError } from "../core/validation-error";

// No zod here: the release commands read pin files and start faster without it (AppPinsSchema is in
// validate-apps.ts, where pins are checked).
/** Pinned image references: environment name → app name → `registry/repo[:tag]@sha256:<digest>`. */
export type AppPins = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Reads pin files, one per environment: `<folder>/<env>.json`, each a JSON object mapping app name to a
 * pinned image reference. The pins are checked against the apps by `buildPlatform` (see `validateApps`).
 * Throws one `ValidationError` naming every file that is not such an object, or the folder when it is missing.
 */
export function readPinFiles(folder: string): AppPins {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new ValidationError("pins", [`${folder}: pins folder does not exist; create it with one <env>.json file per environment (an object mapping app name to image reference)`]);
  }
  const pins: Record<string, Readonly<Record<string, string>>> = {};
  const problems: string[] = [];
  const files = fs.readdirSync(folder).filter((file) => file.endsWith(".json")).sort(compareStrings);
  for (const file of files) {
    const read = pinFileContent(path.join(folder, file));
    if (typeof read === "string") problems.push(read);
    else Object.defineProperty(pins, file.slice(0, -".json".length), { value: read, enumerable: true, writable: true, configurable: true });
  }
  throwIfProblems("pins", problems);
  return pins;
}

/**
 * Reads one pin file: a JSON object mapping app name to image reference. Throws a `ValidationError` naming
 * the file when it is not valid JSON, not such an object, or pins an app to something other than a string.
 * Digests are checked where the pins are used (`parsePinnedImage`).
 */
export function readPinFile(file: string): Readonly<Record<string, string>> {
  const read = pinFileContent(file);
  if (typeof read === "string") throw new ValidationError("pins", [read]);
  return read;
}

/** The pins of a file, or the problem with it. */
function pinFileContent(file: string): Readonly<Record<string, string>> | string {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    return `${file}: is not valid json (${(error as Error).message}); write an object mapping app name to image reference`;
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return `${file}: is ${JSON.stringify(data)}; write an object mapping app name to image reference`;
  }
  for (const [app, image] of Object.entries(data)) {
    if (typeof image !== "string") {
      return `${file}: app "${app}" is pinned to ${JSON.stringify(image)}; pin a string such as registry/repo:1.2.3@sha256:<digest>`;
    }
  }
  return data as Record<string, string>;
}

/** The text of a pin file: keys sorted, 2-space indent, trailing newline. */
export function formatPinFile(pins: Readonly<Record<string, string>>): string {
  const sorted = sortedRecord(pins);
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
