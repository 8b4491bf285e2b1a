import * as fs from "fs";
import { ExitCode, ReleaseError } from "./errors";
import { blobId, hexDigest } from "./tree";

/** Room before a file's content in the scratch buffer for its git blob header (`blob <size>\0`). */
const HEADER_ROOM = 32;
/** Initial size of the scratch buffer (it grows for a larger file). */
const SCRATCH_BYTES = 1024 * 1024;

/**
 * Blob ids of files, each read into one reused buffer behind room for its git header and hashed in one call:
 * nothing of the file is kept. Reading to the end instead of asking the size first (an fstat builds a Stats
 * object with four dates) and keeping no content (it was held in 4 MiB buffers to the end of the command: the
 * garbage collector's share of verify at 1,000 apps went from 87 to 51 ms) made verify faster (bench/RESULTS.md).
 */
export class BlobHasher {
  private scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);

  constructor(private readonly algorithm: "sha1" | "sha256") {}

  /** The blob id of a file's content. */
  public fileId(file: string): string {
    const fd = fs.openSync(file, "r");
    let size = 0;
    try {
      for (;;) {
        if (HEADER_ROOM + size === this.scratch.length) this.grow();
        const room = this.scratch.length - HEADER_ROOM - size;
        const n = fs.readSync(fd, this.scratch, HEADER_ROOM + size, room, null);
        size += n;
        // a read of a regular file that fills less than the room reached its end: a second read, to get 0, was
        // a tenth of the hashing (11,000 files: 77 -> 69 ms); a file changed meanwhile is caught when a commit
        // reads it again (`contentOf`)
        if (n < room) break;
      }
    } finally {
      fs.closeSync(fd);
    }
    const header = `blob ${size}\0`;
    const start = HEADER_ROOM - header.length;
    this.scratch.write(header, start, "latin1");
    return hexDigest(this.algorithm, this.scratch.subarray(start, HEADER_ROOM + size));
  }

  private grow(): void {
    const larger = Buffer.allocUnsafeSlow(this.scratch.length * 2);
    this.scratch.copy(larger);
    this.scratch = larger;
  }
}

/** Files to stage by blob id: repository path → id, and the content of each id when a commit needs it. */
export interface StagedBlobs {
  /** Repository path → blob id. */
  readonly ids: ReadonlyMap<string, string>;
  /** The content of a blob of `ids` (undefined for another id). */
  content(oid: string): Buffer | undefined;
}

/** Files held in memory as blobs: their ids, and their contents at hand. */
export function blobsInMemory(files: ReadonlyMap<string, Buffer>, algorithm: "sha1" | "sha256"): StagedBlobs {
  const byId = new Map<string, Buffer>();
  const ids = new Map<string, string>();
  for (const [path, content] of files) {
    const oid = blobId(content, algorithm);
    byId.set(oid, content);
    ids.set(path, oid);
  }
  return { ids, content: (oid) => byId.get(oid) };
}

/**
 * The files of a release: the output's files by path (names checked by `layoutRelease` before anything is read)
 * and files made here. Staged by blob id only (`blobs`), an output file is read again when a commit writes it,
 * and refused if it no longer has that id; `read` gives every content at once.
 */
export class ReleaseFiles {
  private readonly entries: Array<readonly [string, string | Buffer]> = [];
  private contents: Map<string, Buffer> | undefined;

  /** A file of the output (`file`, checked to be inside it), at `path` of the repository. */
  public addOutput(path: string, file: string): void {
    this.entries.push([path, file]);
  }

  /** A file made here, at `path` of the repository. */
  public set(path: string, content: Buffer): void {
    this.entries.push([path, content]);
  }

  /** Repository path → content; the output's files are read on the first call. */
  public read(): Map<string, Buffer> {
    this.contents ??= new Map(this.entries.map(([path, source]) => [path, typeof source === "string" ? fs.readFileSync(source) : source]));
    return this.contents;
  }

  /** The blob ids of every file (the output's read and hashed now, none kept) and their contents on demand. */
  public blobs(algorithm: "sha1" | "sha256"): StagedBlobs {
    const hasher = new BlobHasher(algorithm);
    const ids = new Map<string, string>();
    for (const [path, source] of this.entries) ids.set(path, typeof source === "string" ? hasher.fileId(source) : blobId(source, algorithm));
    // id → source, built when a commit first asks for a content (verify and an unchanged publish never do)
    let sources: Map<string, string | Buffer> | undefined;
    const sourceOf = (oid: string): string | Buffer | undefined => {
      sources ??= new Map(this.entries.map(([path, source]) => [ids.get(path)!, source]));
      return sources.get(oid);
    };
    return { ids, content: (oid) => contentOf(sourceOf(oid), oid, algorithm) };
  }
}

/** A staged blob's content: a file of the output read again, refused when it changed since it was hashed. */
function contentOf(source: string | Buffer | undefined, oid: string, algorithm: "sha1" | "sha256"): Buffer | undefined {
  if (typeof source !== "string") return source;
  const content = fs.readFileSync(source);
  if (blobId(content, algorithm) !== oid) {
    throw new ReleaseError(`${source} changed while the release was being made (another synth writing the output?); synthesize again and retry`, ExitCode.SYNTH);
  }
  return content;
}
