import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BlobHasher, ReleaseFiles } from "../../lib/release/output-reader";
import { blobId } from "../../lib/release/tree";
import { tmpDir } from "./support";

/** What git itself computes for a file, in a repository of that object format. */
function gitBlobId(file: string, format: "sha1" | "sha256"): string {
  const repository = tmpDir();
  execFileSync("git", ["init", "--quiet", `--object-format=${format}`, repository]);
  return execFileSync("git", ["hash-object", "--no-filters", file], { cwd: repository }).toString().trim();
}

describe("BlobHasher", () => {
  test("gives git's blob ids for empty, small and large files, in both object formats", () => {
    const dir = tmpDir();
    const files = {
      empty: Buffer.alloc(0),
      small: Buffer.from("kind: Namespace\n"),
      // exactly the room the first scratch buffer leaves behind the header: the read that fills it is not the end
      exact: Buffer.alloc(1024 * 1024 - 32, "y"),
      // larger than the scratch buffer twice over, after a small file: it grows and keeps working
      large: Buffer.alloc(2 * 1024 * 1024 + 17, "x"),
      binary: Buffer.from([0, 255, 10, 0, 128]),
    };
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    for (const format of ["sha1", "sha256"] as const) {
      const hasher = new BlobHasher(format);
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, name);
        expect(hasher.fileId(file)).toBe(blobId(content, format));
        expect(hasher.fileId(file)).toBe(gitBlobId(file, format));
      }
    }
  });
});

describe("ReleaseFiles", () => {
  function releaseFiles(): { files: ReleaseFiles; output: string } {
    const output = path.join(tmpDir(), "deployment.yaml");
    fs.writeFileSync(output, "kind: Deployment\n");
    const files = new ReleaseFiles();
    files.addOutput("environments/dev/apps/web/deployment.yaml", output);
    files.set("environments/dev/release.json", Buffer.from("{}\n"));
    return { files, output };
  }

  test("stages blob ids and gives each content when asked, reading the output again", () => {
    const { files } = releaseFiles();
    const blobs = files.blobs("sha1");
    const deployment = blobs.ids.get("environments/dev/apps/web/deployment.yaml")!;
    expect(deployment).toBe(blobId(Buffer.from("kind: Deployment\n")));
    expect(blobs.content(deployment)!.toString()).toBe("kind: Deployment\n");
    expect(blobs.content(blobs.ids.get("environments/dev/release.json")!)!.toString()).toBe("{}\n");
    expect(blobs.content(blobId(Buffer.from("other")))).toBeUndefined();
  });

  test("refuses an output file that changed after it was hashed", () => {
    const { files, output } = releaseFiles();
    const blobs = files.blobs("sha1");
    fs.writeFileSync(output, "kind: Deployment # changed by another synth\n");
    expect(() => blobs.content(blobs.ids.get("environments/dev/apps/web/deployment.yaml")!)).toThrow(/deployment\.yaml changed while the release was being made.*synthesize again/);
  });
});
