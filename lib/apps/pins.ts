import * as fs from "fs";
import * as path from "path";
import { AppPins } from "./app-spec";

/**
 * Reads pin files, one per environment: `<folder>/<env>.json`, each a JSON object mapping app name to a
 * pinned image reference. The pins are checked against the apps by `buildPlatform` (see `validateApps`).
 * Throws, naming the file, when a file is not such an object.
 */
export function readPinFiles(folder: string): AppPins {
  const pins: Record<string, Readonly<Record<string, string>>> = {};
  const files = fs.readdirSync(folder).filter((file) => file.endsWith(".json")).sort();
  for (const file of files) pins[file.slice(0, -".json".length)] = readPinFile(path.join(folder, file));
  return pins;
}

/**
 * Reads one pin file: a JSON object mapping app name to image reference. Throws, naming the file, when it is
 * not valid JSON, not such an object, or pins an app to something other than a string. Digests are checked
 * where the pins are used (`parsePinnedImage`).
 */
export function readPinFile(file: string): Readonly<Record<string, string>> {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: is not valid json (${(error as Error).message}); write an object mapping app name to image reference`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new Error(`${file}: is ${JSON.stringify(data)}; write an object mapping app name to image reference`);
  }
  for (const [app, image] of Object.entries(data)) {
    if (typeof image !== "string") {
      throw new Error(`${file}: app "${app}" is pinned to ${JSON.stringify(image)}; pin a string such as registry/repo:1.2.3@sha256:<digest>`);
    }
  }
  return data as Record<string, string>;
}

/** The text of a pin file: keys sorted, 2-space indent, trailing newline. */
export function formatPinFile(pins: Readonly<Record<string, string>>): string {
  const sorted = Object.fromEntries(Object.keys(pins).sort().map((app) => [app, pins[app]]));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
