import { ISynthesisSession, TerraformAsset } from "cdktf";
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { IConstruct } from "constructs";

/** Marks a custom synthesis that only writes files (`addFileSynthesis`). */
const WRITES_FILES_ONLY = Symbol.for("cdktf-gitops/writes-files-only");

/** What cdktf keeps for a construct's custom synthesis. */
export interface CustomSynthesis {
  onSynthesize(session: ISynthesisSession): void;
}

/**
 * `addCustomSynthesis` for a synthesis that writes files into the output and changes no construct: the stack's
 * synthesizer may then keep the JSON it resolved before custom synthesis ran (see `resolvedStack`).
 */
export function addFileSynthesis(construct: IConstruct, write: (session: ISynthesisSession) => void): void {
  addCustomSynthesis(construct, { onSynthesize: write, [WRITES_FILES_ONLY]: true } as CustomSynthesis);
}

/**
 * True for a custom synthesis known to only write files: this library's, and that of cdktf's `TerraformAsset`
 * itself (a subclass may do more in its `_onSynthesize`).
 */
export function writesFilesOnly(construct: IConstruct, synthesis: CustomSynthesis): boolean {
  return (synthesis as unknown as Record<symbol, unknown>)[WRITES_FILES_ONLY] === true || construct.constructor === TerraformAsset;
}
