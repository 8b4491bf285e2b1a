// Kept so that imports written before the split keep working; new code imports the file that holds the thing:
// source-repository.ts (project folder, source commit), pins-files.ts (environments/pins/<env>.json),
// environment-option.ts (the --env name check), ../core/sorting (stable order).
export { compareStrings, sortedRecord as sortKeys } from "../core/sorting";
export { assertEnvironmentName } from "./environment-option";
export { hasPins, PINS_FOLDER, pinsPath, readAllPins, readPins, writePins } from "./pins-files";
export { DIRTY_SUFFIX, findProjectRoot, NO_SOURCE_COMMIT, sourceInfo, uncommittedPaths } from "./source-repository";
export type { SourceInfo } from "./source-repository";
