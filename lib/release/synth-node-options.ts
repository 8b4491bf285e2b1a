import * as os from "os";

/** The number of V8 platform threads Node starts unless told otherwise (`--v8-pool-size`). */
const NODE_DEFAULT_POOL_SIZE = 4;

/** The pool size option, `-` or `_` between its words as Node takes them, with or without its value. */
const POOL_SIZE_OPTION = /^--v8[-_]pool[-_]size(=|$)/;

/** The options Node takes from NODE_OPTIONS: its words up to the first that is not an option (Node stops there). */
function optionsNodeReads(options: string): string[] {
  const words = nodeOptionWords(options);
  const end = words.findIndex((word) => !word.startsWith("-") || word === "-");
  return end < 0 ? words : words.slice(0, end);
}

/**
 * NODE_OPTIONS split as Node splits it: at spaces, double quotes grouping (a backslash inside them escapes the
 * next character). Single quotes are characters like any other.
 */
function nodeOptionWords(options: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quoted = false;
  for (let i = 0; i < options.length; i++) {
    let c = options[i];
    if (c === "\\" && quoted && i + 1 < options.length) c = options[++i];
    else if (c === '"') {
      quoted = !quoted;
      continue;
    } else if (c === " " && !quoted) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * `NODE_OPTIONS` for the process that synthesizes: `--v8-pool-size=<cores - 1>` added on a machine of four cores
 * or fewer, unless the options name a pool size already. Node starts four V8 threads (optimizing compiles and
 * the garbage collector's concurrent work) whatever the machine; on the two cores of a hosted CI runner they
 * and the synth's writer thread take turns with the main thread: with one such thread 1,000 apps took 0.75 the
 * time on a loaded host, 0.92 on a quiet one (bench/RESULTS.md). With five cores or more Node's default already
 * leaves the main thread one.
 * @param cores the machine's cores. @default os.availableParallelism()
 */
export function synthNodeOptions(nodeOptions: string | undefined, cores = os.availableParallelism()): string | undefined {
  if (cores > NODE_DEFAULT_POOL_SIZE || optionsNodeReads(nodeOptions ?? "").some((word) => POOL_SIZE_OPTION.test(word))) return nodeOptions;
  // first: Node stops reading NODE_OPTIONS at a word that is not an option, and an option given twice takes the last
  const pool = `--v8-pool-size=${Math.max(1, cores - 1)}`;
  return nodeOptions?.trim() ? `${pool} ${nodeOptions}` : pool;
}
