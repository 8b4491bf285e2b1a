import * as os from "os";

/** The number of V8 platform threads Node starts unless told otherwise (`--v8-pool-size`). */
const NODE_DEFAULT_POOL_SIZE = 4;

/** The pool size option as Node reads it from NODE_OPTIONS: `-` or `_` between the words, quoted or not. */
const POOL_SIZE_OPTION = /(^|[\s"'])--v8[-_]pool[-_]size(=|[\s"']|$)/;

/**
 * `NODE_OPTIONS` for the process that synthesizes: `--v8-pool-size=<cores - 1>` added on a machine of four cores
 * or fewer, unless the options name a pool size already. Node starts four V8 threads (optimizing compiles and
 * the garbage collector's concurrent work) whatever the machine; on the two cores of a hosted CI runner they
 * and the synth's writer thread take turns with the main thread, and one such thread synthesized 1,000 apps in
 * 0.75 the time (bench/RESULTS.md). With five cores or more Node's default already leaves the main thread one.
 * @param cores the machine's cores. @default os.availableParallelism()
 */
export function synthNodeOptions(nodeOptions: string | undefined, cores = os.availableParallelism()): string | undefined {
  if (cores > NODE_DEFAULT_POOL_SIZE || POOL_SIZE_OPTION.test(nodeOptions ?? "")) return nodeOptions;
  const pool = `--v8-pool-size=${Math.max(1, cores - 1)}`;
  return nodeOptions?.trim() ? `${nodeOptions} ${pool}` : pool;
}
