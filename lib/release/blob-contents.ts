import { Git } from "./git";
import { StagedBlobs } from "./output-reader";
import { readBlobs } from "./read-blobs";
import { blobId, CorruptCacheError, TreeEntry } from "./tree";

/**
 * The contents a workspace knows by blob id: blobs of the branch head read from the cache (kept: release.json is
 * read more than once by a publish), and the staged files, whose contents their source gives when asked.
 */
export class BlobContents {
  private readonly committed = new Map<string, Buffer>();
  /** Staged blob sources, the latest first. */
  private staged: StagedBlobs[] = [];

  constructor(
    private readonly git: Git,
    private readonly algorithm: "sha1" | "sha256",
  ) {}

  /** Keeps a blob read from the cache (already checked against its id). */
  public keep(oid: string, content: Buffer): void {
    this.committed.set(oid, content);
  }

  /** Adds the source of staged blobs. */
  public stage(blobs: StagedBlobs): void {
    this.staged.unshift(blobs);
  }

  /** The content of a staged or kept blob, or undefined. */
  public get(oid: string): Buffer | undefined {
    for (const source of this.staged) {
      const content = source.content(oid);
      if (content) return content;
    }
    return this.committed.get(oid);
  }

  /** Texts of files by their entries (absent ones left out); blobs not known here are read in one git call. */
  public texts(files: readonly string[], entries: ReadonlyMap<string, TreeEntry>): Map<string, string> {
    const known = new Map<string, Buffer>();
    const toRead: string[] = [];
    for (const file of files) {
      const oid = entries.get(file)?.oid;
      const content = oid && this.get(oid);
      if (content) known.set(oid, content);
      else if (oid) toRead.push(oid);
    }
    for (const [oid, blob] of readBlobs(this.git, toRead)) {
      // checked like every tree
      if (blobId(blob, this.algorithm) !== oid) throw new CorruptCacheError(`blob ${oid} does not match its content`);
      this.committed.set(oid, blob);
      known.set(oid, blob);
    }
    const result = new Map<string, string>();
    for (const file of files) {
      const content = known.get(entries.get(file)?.oid ?? "");
      if (content) result.set(file, content.toString("utf8"));
    }
    return result;
  }

  /** Drops every content. */
  public clear(): void {
    this.committed.clear();
    this.staged = [];
  }
}
