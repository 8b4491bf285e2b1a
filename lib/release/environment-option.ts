import { ENVIRONMENT_NAME } from "../core/names";
import { ReleaseError } from "./errors";

/** Throws unless `name` is a valid environment name. */
export function assertEnvironmentName(name: string, option: string): void {
  if (!ENVIRONMENT_NAME.test(name)) {
    throw new ReleaseError(`${option} "${name}" is not a valid environment name; use 2-12 lower-case letters and digits, starting with a letter, such as "dev"`);
  }
}
