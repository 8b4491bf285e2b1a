import * as fs from "fs";
import * as os from "os";
import { ExitCode, ReleaseError } from "./errors";

/** How long a command waits for another one to finish with the cache. @default 120 s */
const DEFAULT_WAIT_MS = 120_000;
/** A lock older than this is left over by a process that hung or ran on another host; it is broken. */
const STALE_AFTER_MS = 10 * 60_000;

/** Options of `acquireLock`. */
export interface LockOptions {
  /** Longest wait for the holder to finish. @default 120000 */
  readonly waitMs?: number;
  /** Reports that the command waits. @default - silent */
  readonly progress?: (message: string) => void;
}

/** A held lock; `release` removes it (only if it is still ours). */
export interface HeldLock {
  readonly release: () => void;
}

/**
 * Takes an exclusive lock file (created with O_EXCL, holding `pid host time`). A lock whose process is gone
 * (killed with -9, say) or that is older than ten minutes is broken, so a crash never blocks the next command.
 * The lock serializes what may not run twice at once in a cache (creating or rebuilding it, fetching,
 * maintenance); writing objects and pushing need no lock, git makes those safe.
 */
export function acquireLock(file: string, options: LockOptions = {}): HeldLock {
  const token = `${process.pid} ${os.hostname()} ${Date.now()}`;
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  let reported = false;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, token, { flag: "wx" });
      return { release: () => releaseIfOurs(file, token) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(file);
    if (holder && isStale(holder)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new ReleaseError(
        `the repository cache is locked by ${holder ? `process ${holder.pid} on ${holder.host}` : "another process"} (${file}); wait for it to finish, or remove the lock file if no such process runs`,
        ExitCode.REPOSITORY,
      );
    }
    if (!reported && holder) {
      options.progress?.(`waiting for process ${holder.pid} to finish with the repository cache`);
      reported = true;
    }
    sleep(Math.min(20 + attempt * 10, 200));
  }
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly time: number;
}

function readHolder(file: string): Holder | undefined {
  let text: string;
  let modified: number;
  try {
    text = fs.readFileSync(file, "utf8");
    modified = fs.statSync(file).mtimeMs;
  } catch {
    return undefined; // released between our attempt and this read
  }
  const [pid, host, time] = text.split(" ");
  if (!Number(pid)) {
    // an empty lock file: its writer was killed between creating and writing it, or is writing it right now
    return { pid: 0, host: "", time: Date.now() - modified > 5_000 ? 0 : modified };
  }
  return { pid: Number(pid), host: host ?? "", time: Number(time) || modified };
}

function isStale(holder: Holder): boolean {
  if (Date.now() - holder.time > STALE_AFTER_MS) return true;
  if (holder.host !== os.hostname() || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function releaseIfOurs(file: string, token: string): void {
  try {
    if (fs.readFileSync(file, "utf8") === token) fs.rmSync(file, { force: true });
  } catch {
    // already broken by another process after it judged us stale; nothing to remove
  }
}

/** Blocks the (synchronous) command for a while. */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
