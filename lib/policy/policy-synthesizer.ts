import * as fs from "fs";
import * as path from "path";
import { AnnotationMetadataEntryType, ISynthesisSession, TerraformStack } from "cdktf";
import { StackSynthesizer } from "cdktf/lib/synthesize/synthesizer";
import { ValidateTerraformVersion } from "cdktf/lib/validations/validate-terraform-version";
import { encounteredAnnotationWithLevelError } from "cdktf/lib/errors";
import { ConstructOrder, IConstruct } from "constructs";
import { BackgroundWrites } from "../core/background-writes";
import { CustomSynthesis, writesFilesOnly } from "../core/file-synthesis";
import { invokeAspects } from "./stack-aspects";
import { resolvedStack } from "./stack-resolution";
import { noteConstructsMayHaveChanged } from "./synth-runs";
import { sortedJsonText } from "./sorted-json-text";

/**
 * The writer of cdk.tf.json of the cdktf this class follows (0.21, which bundles json-stable-stringify), so the
 * output stays byte for byte cdktf's; undefined under any other cdktf (CDK Terrain's `cdktn` writes with another
 * library, and its synthesizer may take other steps): there cdktf's own synthesizer stays, and the checks run as
 * the Aspect.
 */
const cdktfWriter = ((): ((json: unknown) => string) | undefined => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdktf = require("cdktf/package.json") as { name?: string; version?: string };
  if (cdktf.name !== "cdktf" || !/^0\.21\./.test(cdktf.version ?? "")) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stringify = require(require.resolve("json-stable-stringify", { paths: [path.dirname(require.resolve("cdktf/package.json"))] })) as (value: unknown, options: { space: number }) => string;
    return (json) => sortedJsonText(json) ?? stringify(json, { space: 2 });
  } catch {
    return undefined;
  }
})();

const CUSTOM_SYNTHESIS = Symbol.for("cdktf/customSynthesis");
const ANNOTATION_TYPES: readonly string[] = [AnnotationMetadataEntryType.INFO, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.ERROR];

/** What a stack's policy checks do with the JSON its synth writes. */
export interface SynthesizedStackCheck {
  /** Checks the stack's resolved JSON (annotating its constructs) before the annotations are collected. */
  checkSynthesized(stack: TerraformStack, json: Record<string, unknown>, outdir: string): void;
}

/**
 * cdktf's stack synthesizer (0.21's `StackSynthesizer.synthesize`, step for step) with the policy checks run on the
 * JSON it writes: the stack is resolved once, after every Aspect ran, and the checks see exactly what
 * `cdk.tf.json` holds (a check as an Aspect saw the resources before Aspects added after it had changed them,
 * and resolved every resource a second time: a fifth of the synth of 1,000 apps). The checks' annotations are
 * collected like any other, so a blocking finding fails the synth at this stack. HCL output (`SYNTH_HCL_OUTPUT`)
 * is cdktf's own path, where the checks run as the Aspect.
 */
export class PolicyStackSynthesizer extends StackSynthesizer {
  /** True when `stack` still has cdktf 0.21's own synthesizer (a custom one, or another cdktf's, is left alone). */
  public static canReplace(stack: TerraformStack): boolean {
    return cdktfWriter !== undefined && Object.getPrototypeOf(stack.synthesizer) === StackSynthesizer.prototype;
  }

  /** True while this synthesizer runs the stack's Aspects: the policy Aspect leaves the stack to it. */
  public synthesizing = false;
  private readonly continueOnErrors: boolean;
  private readonly hcl: boolean;

  constructor(
    stack: TerraformStack,
    private readonly checks: SynthesizedStackCheck,
  ) {
    // the same settings as cdktf's TerraformStack constructor gives its synthesizer
    const continueOnErrors = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
    const hcl = process.env.SYNTH_HCL_OUTPUT === "true" || process.env.SYNTH_HCL_OUTPUT === "1";
    super(stack, continueOnErrors, hcl);
    this.continueOnErrors = continueOnErrors;
    this.hcl = hcl;
  }

  /** True when the JSON path runs, which checks the stack itself and writes the report (not the HCL path). */
  public get checksSynthesizedJson(): boolean {
    return !this.hcl;
  }

  public synthesize(session: ISynthesisSession): void {
    if (this.hcl) return super.synthesize(session);
    const stack = this.stack;
    this.synthesizing = true;
    try {
      if (invokeAspects(stack, this.checks).foreignAspectRan) noteConstructsMayHaveChanged(stack);
    } finally {
      this.synthesizing = false;
    }
    if (stack.hasResourceMove()) {
      stack.node.addValidation(new ValidateTerraformVersion(">=1.5", "Resource move functionality is only supported for Terraform >=1.5. Please upgrade your Terraform version."));
    }
    if (!session.skipValidation) stack.runAllValidations();
    const stackManifest = session.manifest.forStack(stack);
    const workingDirectory = path.join(session.outdir, stackManifest.workingDirectory);
    if (!fs.existsSync(workingDirectory)) fs.mkdirSync(workingDirectory);
    for (const node of stack.node.findAll(ConstructOrder.POSTORDER)) {
      const synthesis = customSynthesis(node);
      synthesis?.onSynthesize(session);
      if (synthesis && !writesFilesOnly(node, synthesis)) noteConstructsMayHaveChanged(stack);
    }
    const json = resolvedStack(stack, true);
    this.checks.checkSynthesized(stack, json, session.outdir);
    const annotations = stack.node.findAll().flatMap((node) =>
      node.node.metadata
        .filter((m) => ANNOTATION_TYPES.includes(m.type))
        .map((m) => ({ constructPath: node.node.path, level: m.type as AnnotationMetadataEntryType, message: m.data as string, stacktrace: m.trace })),
    );
    (stackManifest as { annotations: unknown }).annotations = annotations;
    const errors = annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
    if (!this.continueOnErrors && errors.length > 0) throw encounteredAnnotationWithLevelError(errors.map((a) => `[${a.constructPath}] ${a.message}`).join("\n"));
    const file = path.join(session.outdir, stackManifest.synthesizedStackPath);
    const text = cdktfWriter!(json);
    const background = BackgroundWrites.of(session.manifest);
    if (background) background.write(file, text);
    else fs.writeFileSync(file, text);
  }
}

function customSynthesis(node: IConstruct): CustomSynthesis | undefined {
  return (node as unknown as Record<symbol, CustomSynthesis | undefined>)[CUSTOM_SYNTHESIS];
}
