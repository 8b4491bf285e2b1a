import * as fs from "fs";
import {
  ARGO_CD_ROLLBACK_EVENT_TYPE,
  ARGO_CD_ROLLBACK_SOURCE,
  ARGO_CD_ROLLBACK_TRIGGERS,
  FLUX_HEALTH_CHECK_FAILED_REASON,
  ROLLBACK_ENVIRONMENT_KEY,
  ROLLBACK_REQUEST_KEY,
  ROLLBACK_REQUEST_VALUE,
} from "../gitops/rollback-dispatch";
import { RollbackCause } from "./bad-releases";
import { ReleaseError } from "./errors";

/** A rollback request read from a repository_dispatch event: which environment failed at which GitOps revision. */
export interface RollbackRequest {
  readonly environment: string;
  /** Full commit hash of the GitOps repository the engine reported as failing. */
  readonly revision: string;
  /** Branch named by the revision (Flux reports `<branch>@sha1:<hash>`), when the event names one. */
  readonly branch?: string;
  readonly cause: RollbackCause;
}

/** The outcome of reading an event: a request, or the reason it is not one of ours. */
export type DispatchEventReading = { readonly request: RollbackRequest } | { readonly ignored: string };

const HASH = /^[0-9a-f]{40}$/;
const MAX_MESSAGE = 300;

/**
 * Reads the event file a `repository_dispatch` workflow gets (`$GITHUB_EVENT_PATH`). Throws a `ReleaseError`
 * (bad input) only when the file cannot be read or is not JSON; an event that is not a rollback request of
 * this library is returned as `ignored` with the reason, so the workflow ends green.
 */
export function readDispatchEvent(file: string): DispatchEventReading {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ReleaseError(`--dispatch-event ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass the event file, "$GITHUB_EVENT_PATH" in a workflow`);
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new ReleaseError(`--dispatch-event ${file} is not JSON; pass the event file, "$GITHUB_EVENT_PATH" in a workflow`);
  }
  return parseDispatchEvent(event);
}

/** Recognizes a Flux `githubdispatch` event or the Argo CD webhook template's event (see `readDispatchEvent`). */
export function parseDispatchEvent(event: unknown): DispatchEventReading {
  if (!isRecord(event)) return { ignored: "the event is not a JSON object" };
  const action = typeof event.action === "string" ? event.action : "(none)";
  const payload = event.client_payload;
  if (!isRecord(payload)) return { ignored: `event "${action}" has no client_payload; not a repository_dispatch rollback request` };
  if (action === ARGO_CD_ROLLBACK_EVENT_TYPE) return parseArgoCd(payload);
  if (isRecord(payload.involvedObject)) return parseFlux(action, payload);
  return { ignored: `event type "${action}" is neither a flux githubdispatch event nor "${ARGO_CD_ROLLBACK_EVENT_TYPE}"` };
}

function parseFlux(action: string, payload: Record<string, unknown>): DispatchEventReading {
  const object = payload.involvedObject as Record<string, unknown>;
  const metadata = isRecord(payload.metadata) ? payload.metadata : {};
  const what = `${String(object.kind)}/${String(object.name)}.${String(object.namespace)}`;
  if (metadata[ROLLBACK_REQUEST_KEY] !== ROLLBACK_REQUEST_VALUE) {
    return { ignored: `flux event ${what} does not come from a rollback alert (no eventMetadata ${ROLLBACK_REQUEST_KEY}: ${ROLLBACK_REQUEST_VALUE})` };
  }
  if (object.kind !== "Kustomization") return { ignored: `flux event ${what} is not about a Kustomization` };
  if (payload.severity !== "error" || payload.reason !== FLUX_HEALTH_CHECK_FAILED_REASON) {
    return { ignored: `flux event ${what} is ${String(payload.severity)}/${String(payload.reason)}, not error/${FLUX_HEALTH_CHECK_FAILED_REASON}` };
  }
  const environment = metadata[ROLLBACK_ENVIRONMENT_KEY];
  if (typeof environment !== "string" || environment === "") return { ignored: `flux event ${what} names no ${ROLLBACK_ENVIRONMENT_KEY} in its metadata` };
  const revision = typeof metadata.revision === "string" ? parseFluxRevision(metadata.revision) : undefined;
  if (!revision) return { ignored: `flux event ${what} carries no git revision (metadata.revision "${String(metadata.revision)}")` };
  const cause: RollbackCause = {
    source: "flux",
    event: shorten(`${action} ${FLUX_HEALTH_CHECK_FAILED_REASON}`),
    revision: revision.hash,
    ...(typeof payload.message === "string" ? { message: shorten(payload.message) } : {}),
  };
  return { request: { environment, revision: revision.hash, branch: revision.branch, cause } };
}

/**
 * Parses a Flux source revision: `<branch>@sha1:<hash>` (Flux 2), `sha1:<hash>`, or the older `<branch>/<hash>`.
 * A tag or OCI digest is not a branch commit and gives undefined.
 */
export function parseFluxRevision(revision: string): { branch?: string; hash: string } | undefined {
  const modern = /^(?:(.+)@)?sha1:([0-9a-f]{40})$/.exec(revision);
  if (modern) return { branch: modern[1]?.replace(/^refs\/heads\//, ""), hash: modern[2] };
  const legacy = /^(.+)\/([0-9a-f]{40})$/.exec(revision);
  return legacy ? { branch: legacy[1], hash: legacy[2] } : undefined;
}

function parseArgoCd(payload: Record<string, unknown>): DispatchEventReading {
  const triggers: readonly string[] = Object.values(ARGO_CD_ROLLBACK_TRIGGERS);
  const application = typeof payload.application === "string" ? payload.application : "(unknown)";
  if (payload.source !== ARGO_CD_ROLLBACK_SOURCE) return { ignored: `"${ARGO_CD_ROLLBACK_EVENT_TYPE}" event with source "${String(payload.source)}", not "${ARGO_CD_ROLLBACK_SOURCE}"` };
  if (typeof payload.trigger !== "string" || !triggers.includes(payload.trigger)) {
    return { ignored: `argo cd event for ${application} has trigger "${String(payload.trigger)}"; rollbacks follow ${triggers.join(" and ")}` };
  }
  const environment = payload[ROLLBACK_ENVIRONMENT_KEY];
  if (typeof environment !== "string" || environment === "") return { ignored: `argo cd event for ${application} names no environment` };
  const revision = typeof payload.revision === "string" ? payload.revision.trim() : "";
  if (!HASH.test(revision)) return { ignored: `argo cd event for ${application} carries revision "${revision}", not a commit hash` };
  const details = [payload.health, payload.sync].filter((v) => typeof v === "string" && v !== "").join(", ");
  const cause: RollbackCause = {
    source: "argocd",
    event: shorten(`Application/${application} ${payload.trigger}`),
    revision,
    ...(details ? { message: shorten(`health/sync: ${details}`) } : {}),
  };
  return { request: { environment, revision, cause } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One line, at most MAX_MESSAGE characters: it goes into a commit trailer and a JSON record. */
function shorten(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 3)}...` : line;
}
