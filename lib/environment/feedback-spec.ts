import { z } from "zod";
import { isKeyVaultSecretName, KEY_VAULT_SECRET_NAME_RULE } from "../core/azure-formats";
import { schemaProblems } from "../core/schema";
import { formatProblem } from "../core/validation-error";
import { DeliverySpec, GitHubRepository, isGitHubRepository } from "./delivery-spec";

/**
 * Release feedback of a platform (docs/feedback.md): commit statuses from the sync engines on the GitOps
 * repository and, optionally, automatic rollback requests (repository_dispatch) to the infra repository. The
 * GitHub credentials are Key Vault secrets of each environment's vault, named here; their values never pass
 * through Git or Terraform.
 */

/** Key Vault secret holding the Flux commit-status token (fine-grained: Commit statuses write, GitOps repository only). */
export const DEFAULT_STATUS_TOKEN_SECRET = "github-status-token";
/** Key Vault secret holding the dispatch token (fine-grained: Contents write, infra repository only). */
export const DEFAULT_DISPATCH_TOKEN_SECRET = "github-dispatch-token";

/** The platform's release feedback. */
export const FeedbackSpecSchema = z.strictObject({
  /**
   * Key Vault secret with the token Flux sets commit statuses with.
   * @default DEFAULT_STATUS_TOKEN_SECRET
   */
  statusTokenSecret: z.string().optional(),
  /**
   * The GitHub App Argo CD sets commit statuses with (Argo CD's GitHub service takes only an app): permission
   * Commit statuses write, installed on the GitOps repository only; its private key (PEM) is a Key Vault secret.
   * Required when an environment syncs with Argo CD.
   * @default - none
   */
  statusApp: z
    .strictObject({
      appId: z.number().int().positive(),
      installationId: z.number().int().positive(),
      /** Key Vault secret with the App's private key (PEM). */
      privateKeySecret: z.string(),
    })
    .optional(),
  /**
   * Ask the infra repository's rollback workflow for a guarded rollback when an environment's apps fail at a new
   * revision (`rollback --dispatch-event`).
   * @default true
   */
  automaticRollback: z.boolean().optional(),
  /**
   * Key Vault secret with the token that sends the repository_dispatch to the infra repository.
   * @default DEFAULT_DISPATCH_TOKEN_SECRET
   */
  dispatchTokenSecret: z.string().optional(),
});

/** The platform's release feedback settings. */
export type FeedbackSpec = z.infer<typeof FeedbackSpecSchema>;

/** Feedback settings with defaults applied and the repositories taken from delivery. */
export interface ResolvedFeedback {
  readonly gitopsRepository: GitHubRepository;
  /** Where rollback requests go; undefined when automatic rollback is off. */
  readonly rollbackRepository?: GitHubRepository;
  readonly statusTokenSecret: string;
  readonly statusApp?: { readonly appId: number; readonly installationId: number; readonly privateKeySecret: string };
  readonly dispatchTokenSecret: string;
}

/** What feedback validation reads of the platform spec. */
export interface FeedbackInput {
  readonly feedback?: unknown;
  readonly delivery?: DeliverySpec;
  readonly environments: readonly { readonly name: string; readonly sync?: string }[];
}

/** Every problem of the feedback settings (shape first, then the rules that need delivery and the engines). */
export function feedbackProblems(spec: FeedbackInput): string[] {
  if (spec.feedback === undefined) return [];
  const shape = schemaProblems(FeedbackSpecSchema, spec.feedback, "platform.feedback").map(formatProblem);
  if (shape.length > 0) return shape;
  const feedback = spec.feedback as FeedbackSpec;
  const problems: string[] = [];
  const delivery = spec.delivery;
  if (delivery === undefined || delivery.ci !== "github" || !isGitHubRepository(delivery.gitopsRepository) || !isGitHubRepository(delivery.infraRepository)) {
    problems.push("platform.feedback: needs delivery on github with github infra and gitops repositories (commit statuses and repository_dispatch are github apis); set platform.delivery or remove feedback");
  }
  for (const [field, value] of [
    ["statusTokenSecret", feedback.statusTokenSecret],
    ["dispatchTokenSecret", feedback.dispatchTokenSecret],
    ["statusApp.privateKeySecret", feedback.statusApp?.privateKeySecret],
  ] as const) {
    if (value !== undefined && !isKeyVaultSecretName(value)) problems.push(`platform.feedback.${field}: "${value}" is not a key vault secret name; ${KEY_VAULT_SECRET_NAME_RULE}`);
  }
  const argo = spec.environments.filter((env) => env.sync === "argocd").map((env) => env.name);
  if (argo.length > 0 && feedback.statusApp === undefined) {
    problems.push(`platform.feedback.statusApp: is missing, and ${argo.join(", ")} sync with argo cd, whose github service needs a github app; set appId, installationId and privateKeySecret`);
  }
  return problems;
}

/** Applies the defaults (call after validation). */
export function resolveFeedback(feedback: FeedbackSpec, delivery: DeliverySpec): ResolvedFeedback {
  return {
    gitopsRepository: delivery.gitopsRepository as GitHubRepository,
    rollbackRepository: (feedback.automaticRollback ?? true) ? (delivery.infraRepository as GitHubRepository) : undefined,
    statusTokenSecret: feedback.statusTokenSecret ?? DEFAULT_STATUS_TOKEN_SECRET,
    statusApp: feedback.statusApp,
    dispatchTokenSecret: feedback.dispatchTokenSecret ?? DEFAULT_DISPATCH_TOKEN_SECRET,
  };
}
