import { DataAzurermKeyVault } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault";
import { DataAzurermKeyVaultSecret } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { GitAuthSpec } from "../environment/environment-spec";
import { DEFAULT_GIT_BRANCH, gitBranchProblems, gitUrlProblems, isSshGitUrl, PUBLIC_GIT_AUTH } from "../core/git-rules";
import { Duration, durationFix } from "../core/duration";
import { isKeyVaultSecretName, KEY_VAULT_SECRET_NAME_RULE } from "../core/azure-formats";
import { maskUrlUserInfo } from "../core/redaction";
import { throwIfProblems } from "../core/validation-error";

/** A Key Vault that holds the Git credentials, found by name (it usually lives in another stack). */
export interface KeyVaultReference {
  /** Key Vault name. */
  readonly name: string;
  /** Resource group of the Key Vault. */
  readonly resourceGroupName: string;
}

/** Props of a `GitSource`. */
export interface GitSourceProps {
  /** `https://host/org/repo.git`, `ssh://git@host/org/repo.git` or `git@host:org/repo.git`; no credentials in it. */
  readonly url: string;
  /**
   * Branch to sync.
   * @default "main"
   */
  readonly branch?: string;
  /** Path of the environment's app manifests inside the repository, e.g. `environments/dev/apps`. */
  readonly path: string;
  /**
   * How often the engine polls the repository: a whole number with `s`, `m` or `h`, e.g. `1m`.
   * @default "5m"
   */
  readonly syncInterval?: string;
  /**
   * How the engine authenticates. Secrets are Key Vault secret names, never values.
   * @default { kind: "public" }
   */
  readonly auth?: GitAuthSpec;
  /**
   * The Key Vault holding the secrets named in `auth`. Required when `auth` is ssh or https.
   * @default - none (only allowed for a public repository)
   */
  readonly keyVault?: KeyVaultReference;
}

const PATH_SEGMENT = /^[A-Za-z0-9_][-A-Za-z0-9._]*$/;

/**
 * The GitOps repository an engine syncs from: URL, branch, the environment's path, sync interval and
 * authentication. Validates everything eagerly: URL (credentials embedded in it are rejected), branch,
 * path, interval and secret names. Credentials are read from Key Vault through data sources, so the
 * synthesized configuration holds only references, never a secret value.
 */
export class GitSource extends Construct {
  /** Builds the source of an environment: its `gitops` settings, apps path and Key Vault. */
  public static ofEnvironment(scope: Construct, id: string, environment: Environment): GitSource {
    return new GitSource(scope, id, {
      url: environment.gitops.url,
      branch: environment.gitops.branch,
      path: environment.gitops.appsPath,
      syncInterval: environment.gitops.syncInterval,
      auth: environment.gitops.auth,
      keyVault: { name: environment.names.of("keyVault"), resourceGroupName: environment.names.of("resourceGroup") },
    });
  }

  /** Repository URL. */
  public readonly url: string;
  /** Branch. */
  public readonly branch: string;
  /** Path of the environment's app manifests, e.g. `environments/dev/apps`. */
  public readonly path: string;
  /** The environment's folder, the parent of `path`, e.g. `environments/dev`. */
  public readonly environmentPath: string;
  /** Poll interval as written, e.g. `5m`. */
  public readonly syncInterval: string;
  /** Poll interval in seconds. */
  public readonly syncIntervalSeconds: number;
  /** How the engine authenticates. */
  public readonly auth: GitAuthSpec;
  /** True when the URL uses SSH. */
  public readonly isSsh: boolean;
  private readonly keyVaultReference?: KeyVaultReference;
  private keyVault?: DataAzurermKeyVault;
  private readonly secrets = new Map<string, DataAzurermKeyVaultSecret>();

  constructor(scope: Construct, id: string, props: GitSourceProps) {
    super(scope, id);
    const at = this.node.path;
    this.url = props.url;
    this.branch = props.branch ?? DEFAULT_GIT_BRANCH;
    this.path = props.path;
    this.syncInterval = props.syncInterval ?? "5m";
    this.auth = props.auth ?? PUBLIC_GIT_AUTH;
    this.keyVaultReference = props.keyVault;

    const problems: string[] = [];
    if (!Token.isUnresolved(this.url)) problems.push(...gitUrlProblems(at, this.url));
    if (!Token.isUnresolved(this.branch)) problems.push(...gitBranchProblems(at, this.branch));
    problems.push(...pathProblems(at, this.path));
    const interval = Duration.parse(this.syncInterval);
    if (!interval) problems.push(`${at}: syncInterval "${this.syncInterval}" is not a duration; ${durationFix()}`);
    problems.push(...authProblems(at, this.url, this.auth, props.keyVault));
    throwIfProblems("git source", problems);

    this.isSsh = isSshGitUrl(this.url);
    this.syncIntervalSeconds = interval!.seconds;
    this.environmentPath = this.path.includes("/") ? this.path.slice(0, this.path.lastIndexOf("/")) : "";
  }

  /**
   * A reference to the value of a Key Vault secret (a `data.azurerm_key_vault_secret`), for a credential
   * named in `auth`. The value is read at plan time and lives only in the Terraform state.
   */
  public secretValue(secretName: string): string {
    if (!this.keyVaultReference) {
      throw new Error(`${this.node.path}: secret "${secretName}" needs a key vault; set keyVault`);
    }
    this.keyVault ??= new DataAzurermKeyVault(this, "KeyVault", {
      name: this.keyVaultReference.name,
      resourceGroupName: this.keyVaultReference.resourceGroupName,
    });
    let secret = this.secrets.get(secretName);
    if (!secret) {
      secret = new DataAzurermKeyVaultSecret(this, `Secret-${secretName}`, { name: secretName, keyVaultId: this.keyVault.id });
      this.secrets.set(secretName, secret);
    }
    return secret.value;
  }
}

function pathProblems(at: string, path: string): string[] {
  const segments = path.split("/");
  if (path.length === 0 || path.startsWith("/") || path.endsWith("/") || !segments.every((s) => PATH_SEGMENT.test(s) && s !== "." && s !== "..")) {
    return [`${at}: path "${path}" is not a relative path inside the repository; use segments of letters, digits, ".", "_" and "-" such as "environments/dev/apps"`];
  }
  return [];
}

function authProblems(at: string, url: string, auth: GitAuthSpec, keyVault: KeyVaultReference | undefined): string[] {
  const problems: string[] = [];
  const ssh = isSshGitUrl(url);
  let names: string[] = [];
  if (auth.kind === "public") {
    if (ssh) problems.push(`${at}: url "${url}" is an ssh url, which needs a key; set auth to ssh or use an https url`);
  } else if (auth.kind === "ssh") {
    if (!ssh) problems.push(`${at}: auth is ssh but url "${maskUrlUserInfo(url)}" is not an ssh url; use an ssh url or https auth`);
    names = [auth.privateKeySecretName, auth.knownHostsSecretName];
  } else if (auth.kind === "https") {
    if (ssh) problems.push(`${at}: auth is https but url "${url}" is an ssh url; use an https url or ssh auth`);
    names = [auth.usernameSecretName, auth.passwordSecretName];
  } else {
    problems.push(`${at}: auth.kind "${(auth as { kind: string }).kind}" is not valid; use "public", "ssh" or "https"`);
  }
  for (const name of names) {
    if (!isKeyVaultSecretName(name)) {
      problems.push(`${at}: auth secret name "${name}" is not a key vault secret name; ${KEY_VAULT_SECRET_NAME_RULE}`);
    }
  }
  if (names.length > 0 && !keyVault) problems.push(`${at}: auth is ${auth.kind} but no keyVault is set; set keyVault to the vault holding the secrets`);
  return problems;
}
