import * as fs from "fs";
import * as path from "path";
import { AppPins } from "./app-spec";

/**
 * Reads pin files, one per environment: `<folder>/<env>.json`, each a JSON object mapping app name to a
 * pinned image reference. The pins are checked against the apps by `buildPlatform` (see `validateApps`).
 * Throws, naming the file, when a file is not such an object.
 */
export function readPinFiles(folder: string): AppPins {
  const pins: Record<string, Record<string, string>> = {};
  const files = fs.readdirSync(folder).filter((file) => file.endsWith(".json")).sort();
  for (const file of files) {
    const where = path.join(folder, file);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(where, "utf8"));
    } catch (error) {
      throw new Error(`${where}: is not valid json (${(error as Error).message}); write an object mapping app name to image reference`);
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new Error(`${where}: is ${JSON.stringify(data)}; write an object mapping app name to image reference`);
    }
    for (const [app, image] of Object.entries(data)) {
      if (typeof image !== "string") {
        throw new Error(`${where}: app "${app}" is pinned to ${JSON.stringify(image)}; pin a string such as registry/repo:1.2.3@sha256:<digest>`);
      }
    }
    pins[file.slice(0, -".json".length)] = data as Record<string, string>;
  }
  return pins;
}

/** The text of a pin file: keys sorted, 2-space indent, trailing newline. */
export function formatPinFile(pins: Readonly<Record<string, string>>): string {
  const sorted = Object.fromEntries(Object.keys(pins).sort().map((app) => [app, pins[app]]));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
