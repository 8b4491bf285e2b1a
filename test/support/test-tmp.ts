import * as fs from "fs";
import * as os from "os";

/**
 * Where tests put their temporary folders that hold many files (git repositories, synth output): tmpfs
 * (/dev/shm) when the machine has a writable one, since many small files and git's fsyncs cost more on disk
 * than the tests themselves; otherwise the system's.
 */
export const TEST_TMP = (() => {
  try {
    fs.accessSync("/dev/shm", fs.constants.W_OK);
    return "/dev/shm";
  } catch {
    return os.tmpdir();
  }
})();
