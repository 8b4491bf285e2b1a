import * as fs from "fs";
import * as path from "path";
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "worker_threads";

/**
 * Files of a synth written by a worker thread while the synth goes on: with 1,000 apps a synth writes 11,000
 * files, and their system calls took a tenth of its time on the main thread (a fifth with 10,000 apps) while
 * the machine's other core waited. `BackgroundWrites.during(session, synth)` runs a synth with it; inside,
 * writers that find `BackgroundWrites.of(session)` hand it their files. The first `SYNCHRONOUS_FILES` are
 * written at once (a small synth starts no thread). `during` returns, or throws, only when every file is on
 * disk, so callers see what synchronous writes would have left; a failed write fails the synth.
 */
export class BackgroundWrites {
  /**
   * Runs `synth` with background writes for `session` (the synth's manifest); returns once all are written.
   * @param synchronousFiles files written at once before the thread takes over. @default SYNCHRONOUS_FILES (500)
   */
  public static during<T>(session: object, synth: () => T, synchronousFiles = SYNCHRONOUS_FILES): T {
    if (active.has(session)) return synth();
    const writes = new BackgroundWrites(synchronousFiles);
    active.set(session, writes);
    let result: T;
    try {
      result = synth();
    } catch (error) {
      // the files written so far stay, as with synchronous writes; the synth's own error is the one to report
      writes.finish();
      throw error;
    } finally {
      active.delete(session);
    }
    const failure = writes.finish();
    if (failure) throw failure;
    return result;
  }

  /** The background writes of a synth session, while it runs with them. */
  public static of(session: object): BackgroundWrites | undefined {
    return active.get(session);
  }

  private count = 0;
  /** Folders created by the synchronous writes. */
  private readonly folders = new Set<string>();
  private worker: Worker | undefined;
  private replies: MessagePort | undefined;
  /** [0]: 0 while the worker runs, FINISHED or EXITED; [1]: 1 once the worker's code started. */
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private batch: string[] = [];
  private batchLength = 0;

  private constructor(private readonly synchronousFiles: number) {}

  /** Writes `text` to `file`, creating its folder: now, or in the background. */
  public write(file: string, text: string): void {
    if (this.count++ < this.synchronousFiles) {
      const folder = path.dirname(file);
      if (!this.folders.has(folder)) fs.mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
      fs.writeFileSync(file, text);
      return;
    }
    this.batch.push(file, text);
    this.batchLength += text.length;
    if (this.batch.length >= BATCH_FILES * 2 || this.batchLength >= BATCH_LENGTH) this.send();
  }

  private send(): void {
    if (this.batch.length === 0) return;
    if (!this.worker) {
      const channel = new MessageChannel();
      this.replies = channel.port1;
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { state: this.state.buffer, replies: channel.port2 }, transferList: [channel.port2] });
      // the worker must never keep the process alive (it stops at finish, or with the process)
      this.worker.unref();
    }
    this.worker.postMessage(this.batch);
    this.batch = [];
    this.batchLength = 0;
  }

  /** Sends what is left and waits until the worker wrote it all; returns its failure, if any. */
  private finish(): Error | undefined {
    this.send();
    if (!this.worker) return undefined;
    this.worker.postMessage("finish");
    const started = Date.now();
    // a worker that never started (no thread could be created) would leave this waiting for ever
    while (Atomics.wait(this.state, 0, 0, 1000) === "timed-out") {
      if (Atomics.load(this.state, 1) === 0 && Date.now() - started > STARTUP_TIMEOUT_MS) {
        void this.worker.terminate();
        return new Error(`the thread that writes the synth output did not start within ${STARTUP_TIMEOUT_MS / 1000} s; files of this synth are missing`);
      }
    }
    const reply = receiveMessageOnPort(this.replies!)?.message as { message: string; code?: string } | undefined;
    this.replies!.close();
    void this.worker.terminate();
    if (reply) return Object.assign(new Error(reply.message), { code: reply.code });
    if (Atomics.load(this.state, 0) === EXITED) return new Error("the thread that writes the synth output stopped before it wrote every file");
    return undefined;
  }
}

/** Below this many files a session writes synchronously (the reference platform writes about 160). */
const SYNCHRONOUS_FILES = 500;
/** Files a message to the worker holds at most, and characters of text. */
const BATCH_FILES = 64;
const BATCH_LENGTH = 1 << 20;
const STARTUP_TIMEOUT_MS = 60_000;
/** Values of `state[0]`: every file written (or the first failure reported), or the worker exited early. */
const FINISHED = 1;
const EXITED = 2;

const active = new WeakMap<object, BackgroundWrites>();

/**
 * The worker: writes each batch (file, text, file, text, ...), creating folders; after a failure it writes
 * nothing more. On "finish" it replies with the failure (or nothing) and wakes the waiting main thread; if it
 * stops any other way, its exit wakes it.
 */
const WORKER_SOURCE = `
const fs = require("fs");
const path = require("path");
const { parentPort, workerData } = require("worker_threads");
const state = new Int32Array(workerData.state);
Atomics.store(state, 1, 1);
process.on("exit", () => {
  Atomics.compareExchange(state, 0, 0, ${EXITED});
  Atomics.notify(state, 0);
});
const folders = new Set();
let failure;
parentPort.on("message", (message) => {
  if (message === "finish") {
    if (failure) workerData.replies.postMessage(failure);
    Atomics.store(state, 0, ${FINISHED});
    Atomics.notify(state, 0);
    parentPort.close();
    return;
  }
  for (let i = 0; i < message.length && !failure; i += 2) {
    try {
      const folder = path.dirname(message[i]);
      if (!folders.has(folder)) fs.mkdirSync(folder, { recursive: true });
      folders.add(folder);
      fs.writeFileSync(message[i], message[i + 1]);
    } catch (error) {
      failure = { message: error.message, code: error.code };
    }
  }
});
`;
