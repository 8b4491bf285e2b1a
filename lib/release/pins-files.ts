import * as fs from "fs";
import * as path from "path";
import { parsePinnedImage } from "../apps/image-reference";
import { formatPinFile, readPinFile } from "../apps/pins";
import { sortedRecord } from "../core/sorting";
import { ReleaseError } from "./errors";

/** Folder of the pins files inside the source repository. */
export const PINS_FOLDER = "environments/pins";

/** Pins of every environment that has a pins file: env → app → pinned image. */
export function readAllPins(projectDir: string): Record<string, Record<string, string>> {
  const dir = path.join(projectDir, PINS_FOLDER);
  const result: Record<string, Record<string, string>> = {};
  if (!fs.existsSync(dir)) return result;
  for (const file of fs.readdirSync(dir).sort()) {
    const match = /^([a-z][a-z0-9]*)\.json$/.exec(file);
    if (match) result[match[1]] = readPins(projectDir, match[1]);
  }
  return result;
}

/** True when the environment has a pins file. */
export function hasPins(projectDir: string, environment: string): boolean {
  return fs.existsSync(pinsPath(projectDir, environment));
}

/** Path of an environment's pins file. */
export function pinsPath(projectDir: string, environment: string): string {
  return path.join(projectDir, PINS_FOLDER, `${environment}.json`);
}

/** Reads and validates `environments/pins/<env>.json`; an absent file is an empty object. */
export function readPins(projectDir: string, environment: string): Record<string, string> {
  const file = pinsPath(projectDir, environment);
  if (!fs.existsSync(file)) return {};
  const pins = asReleaseError(() => readPinFile(file));
  for (const [app, image] of Object.entries(pins)) {
    const parsed = parsePinnedImage(image);
    if (typeof parsed === "string") throw new ReleaseError(`${PINS_FOLDER}/${environment}.json: app "${app}" ${parsed}`);
  }
  return sortedRecord(pins);
}

/** Writes a pins file: keys sorted, 2-space indent, trailing newline. */
export function writePins(projectDir: string, environment: string, pins: Record<string, string>): void {
  const file = pinsPath(projectDir, environment);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, formatPinFile(pins));
}

/** Runs `read`, turning its error into a `ReleaseError` (bad input, exit code 2) with the same message. */
function asReleaseError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new ReleaseError((error as Error).message);
  }
}
