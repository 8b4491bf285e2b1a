import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { ResolvedFeedback } from "../environment/feedback-spec";
import { GitOpsManifests } from "../kubernetes/gitops-manifests";
import { KubernetesObject, validateKubernetesObject } from "../kubernetes/kubernetes-object";
import type { IAksCluster } from "../platform/aks-cluster";
import { ReleaseFeedbackIdentity } from "./release-feedback-identity";
import { terraformLiterals } from "../core/terraform-literal";
import { ARGO_CD_NOTIFICATIONS_SECRET, ARGO_CD_SECRET_KEYS, argoCdNotificationValues } from "./argo-cd-notification-values";
import { feedbackSecretSyncObjects, SyncedSecret } from "./feedback-secret-sync-objects";
import { FLUX_DISPATCH_SECRET, FLUX_STATUS_SECRET, fluxFeedbackObjects } from "./flux-feedback-objects";

/** The folder of the Flux feedback objects inside an environment's folder (synced by their own Kustomization). */
export const RELEASE_FEEDBACK_FOLDER = "release-feedback";
/** Flux post-build variables of the feedback Kustomization. */
export const FEEDBACK_CLIENT_ID_VARIABLE = "RELEASE_FEEDBACK_CLIENT_ID";
export const FEEDBACK_TENANT_ID_VARIABLE = "RELEASE_FEEDBACK_TENANT_ID";

/** Props of a `ReleaseFeedback`. */
export interface ReleaseFeedbackProps {
  /** The environment: name, Azure names, region and tags. */
  readonly environment: Pick<Environment, "location" | "name" | "names" | "tags">;
  readonly feedback: ResolvedFeedback;
  /** The environment's AKS cluster (its OIDC issuer federates the secret-sync ServiceAccount). */
  readonly cluster: Pick<IAksCluster, "oidcIssuerUrl">;
  /** Namespace of the sync engine. */
  readonly namespace: string;
  /**
   * Flux: the names of the Kustomization objects in the cluster by layer.
   * @default - the environment syncs with Argo CD
   */
  readonly fluxKustomizations?: Readonly<Record<"infrastructure" | "apps", string>>;
  /**
   * Argo CD: the names of the Applications by layer.
   * @default - the environment syncs with Flux
   */
  readonly argoCdApplications?: Readonly<Record<"infrastructure" | "apps", string>>;
}

/**
 * Release feedback of one environment (docs/feedback.md): the identity that reads the GitHub credentials from
 * Key Vault, and the engine's side.
 * - Flux: `environments/<env>/release-feedback/` with the notification Providers and Alerts and the secret-sync
 *   objects, for a Kustomization of its own whose post-build variables are `fluxSubstitutions` (so the
 *   identity's ids reach only these objects).
 * - Argo CD: `argoCdValues` for the chart's `notifications`, and the secret-sync objects applied from Terraform
 *   (`applyArgoCdSecretSync`) with the identity's ids, after the chart made the namespace.
 */
export class ReleaseFeedback extends Construct {
  /** The identity that may read the credentials. */
  public readonly identity: ReleaseFeedbackIdentity;
  /** Flux: the objects of the release-feedback folder. */
  public readonly manifests?: GitOpsManifests;
  /** Argo CD: the chart's `notifications` values. */
  public readonly argoCdValues?: Record<string, unknown>;
  private readonly secrets: SyncedSecret[];
  private readonly props: ReleaseFeedbackProps;

  constructor(scope: Construct, id: string, props: ReleaseFeedbackProps) {
    super(scope, id);
    this.props = props;
    const env = props.environment;
    const feedback = props.feedback;
    if ((props.fluxKustomizations === undefined) === (props.argoCdApplications === undefined)) {
      throw new Error(`${this.node.path}: sets both or neither of fluxKustomizations and argoCdApplications; set exactly one, for the environment's engine`);
    }
    const rollback = feedback.rollbackRepository !== undefined;
    if (props.fluxKustomizations) {
      this.secrets = [
        { keyVaultSecret: feedback.statusTokenSecret, secretName: FLUX_STATUS_SECRET, key: "token" },
        ...(rollback ? [{ keyVaultSecret: feedback.dispatchTokenSecret, secretName: FLUX_DISPATCH_SECRET, key: "token" }] : []),
      ];
    } else {
      if (!feedback.statusApp) throw new Error(`${this.node.path}: feedback.statusApp is missing, and argo cd's github service takes only a github app; set feedback.statusApp`);
      this.secrets = [
        { keyVaultSecret: feedback.statusApp.privateKeySecret, secretName: ARGO_CD_NOTIFICATIONS_SECRET, key: ARGO_CD_SECRET_KEYS.statusPrivateKey },
        ...(rollback ? [{ keyVaultSecret: feedback.dispatchTokenSecret, secretName: ARGO_CD_NOTIFICATIONS_SECRET, key: ARGO_CD_SECRET_KEYS.dispatchToken }] : []),
      ];
    }
    this.identity = new ReleaseFeedbackIdentity(this, "Identity", {
      name: env.names.of("userAssignedIdentity", "release-feedback"),
      resourceGroup: { name: env.names.of("resourceGroup") },
      location: env.location,
      cluster: props.cluster,
      namespace: props.namespace,
      keyVault: { name: env.names.of("keyVault"), resourceGroupName: env.names.of("resourceGroup") },
      secretNames: [...new Set(this.secrets.map((s) => s.keyVaultSecret))],
      tags: env.tags,
    });
    if (props.fluxKustomizations) {
      this.manifests = new GitOpsManifests(this, "Manifests", { environment: env.name, folder: RELEASE_FEEDBACK_FOLDER });
      this.manifests.add(
        ...fluxFeedbackObjects({
          environment: env.name,
          namespace: props.namespace,
          gitopsRepository: feedback.gitopsRepository,
          kustomizations: props.fluxKustomizations,
          rollbackRepository: feedback.rollbackRepository,
        }),
        ...this.secretSync(`\${${FEEDBACK_CLIENT_ID_VARIABLE}}`, `\${${FEEDBACK_TENANT_ID_VARIABLE}}`),
      );
    } else {
      this.argoCdValues = argoCdNotificationValues({
        environment: env.name,
        statusApp: feedback.statusApp!,
        applications: props.argoCdApplications!,
        rollbackRepository: feedback.rollbackRepository,
      });
    }
  }

  /** Flux: the post-build variables of the release-feedback Kustomization (the identity's ids). */
  public get fluxSubstitutions(): Record<string, string> {
    return { [FEEDBACK_CLIENT_ID_VARIABLE]: this.identity.clientId, [FEEDBACK_TENANT_ID_VARIABLE]: this.identity.tenantId };
  }

  /** Argo CD: applies the secret-sync objects with `kubernetes_manifest`, after `dependsOn` (the chart's namespace). */
  public applyArgoCdSecretSync(dependsOn: readonly ITerraformDependable[]): Manifest[] {
    return this.secretSync(this.identity.clientId, this.identity.tenantId).map((object) => {
      validateKubernetesObject(object, this.node.path);
      return new Manifest(this, `${object.kind}-${object.metadata.name}`, {
        manifest: terraformLiterals(object) as unknown as Record<string, any>,
        fieldManager: { name: "cdktf-gitops", forceConflicts: true },
        dependsOn: [...dependsOn],
      });
    });
  }

  private secretSync(clientId: string, tenantId: string): KubernetesObject[] {
    return feedbackSecretSyncObjects({
      namespace: this.props.namespace,
      keyVaultName: this.props.environment.names.of("keyVault"),
      tenantId,
      clientId,
      secrets: this.secrets,
    });
  }
}
