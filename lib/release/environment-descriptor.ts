import { addFileSynthesis } from "../core/file-synthesis";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { writeGitOpsFiles } from "../kubernetes/gitops-manifests";
import { ReleaseError } from "./errors";
import { ENVIRONMENT_DESCRIPTOR_FILE } from "../core/gitops-layout";

export { ENVIRONMENT_DESCRIPTOR_FILE };

/** What `environment.json` says of an environment: read by `promote` to enforce the promotion chain. */
export interface EnvironmentDescriptorData {
  readonly environment: string;
  readonly tier: string;
  readonly sync: string;
  /** The environment it is promoted from, when it has one. */
  readonly promotesFrom?: string;
}

/** Props of an `EnvironmentDescriptor`. */
export interface EnvironmentDescriptorProps {
  /** The environment to describe. */
  readonly environment: Environment;
}

/**
 * Writes `cdktf.out/gitops/<env>/environment.json` at synth time (published as
 * `environments/<env>/environment.json`, outside the folders the sync engine applies): the environment's
 * name, tier, sync engine and the environment it promotes from, so the release CLI can refuse a promotion
 * that skips a step of the chain.
 */
export class EnvironmentDescriptor extends Construct {
  /** The described data. */
  public readonly data: EnvironmentDescriptorData;

  constructor(scope: Construct, id: string, props: EnvironmentDescriptorProps) {
    super(scope, id);
    const env = props.environment;
    this.data = { environment: env.name, promotesFrom: env.promotesFrom, sync: env.sync, tier: env.tier };
    addFileSynthesis(this, (session) => writeGitOpsFiles(session, this.render()));
  }

  /** The file: path relative to `<outdir>/gitops/` → JSON text (keys sorted, 2-space indent). */
  public render(): Record<string, string> {
    return { [`${this.data.environment}/${ENVIRONMENT_DESCRIPTOR_FILE}`]: `${JSON.stringify(this.data, null, 2)}\n` };
  }
}

/**
 * Parses an `environment.json`; undefined when there is none. Throws a `ReleaseError` (bad input) when the
 * text is not a descriptor, e.g. after a hand edit.
 */
export function parseEnvironmentDescriptor(text: string | undefined): EnvironmentDescriptorData | undefined {
  if (text === undefined) return undefined;
  let data: Partial<EnvironmentDescriptorData> | null;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReleaseError(`${ENVIRONMENT_DESCRIPTOR_FILE} is not valid json (${(error as Error).message}); publish the environment again to rewrite it`);
  }
  if (!data || typeof data.environment !== "string") {
    throw new ReleaseError(`${ENVIRONMENT_DESCRIPTOR_FILE} does not name its environment; publish the environment again to rewrite it`);
  }
  return data as EnvironmentDescriptorData;
}
