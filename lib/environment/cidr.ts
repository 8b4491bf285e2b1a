/** An IPv4 CIDR block as numbers. */
export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit number. */
  readonly network: number;
  /** The prefix length, 0-32. */
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/n`. Returns undefined when the text is not an IPv4 CIDR block
 * or has host bits set (`10.0.0.1/16`), so callers can report the value.
 */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const network = (address & maskOf(prefix)) >>> 0;
  if (network !== address) return undefined;
  return { network, prefix };
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = maskOf(prefix);
  return ((a.network & mask) >>> 0) === ((b.network & mask) >>> 0);
}

/** The `index`-th block of length `newPrefix` inside `parent`, as text. */
export function subnetOf(parent: Ipv4Cidr, newPrefix: number, index: number): string {
  const size = 2 ** (32 - newPrefix);
  const network = parent.network + index * size;
  return `${formatAddress(network)}/${newPrefix}`;
}

/** The n-th address of a block, as text (e.g. the DNS service IP inside the service CIDR). */
export function addressOf(block: Ipv4Cidr, offset: number): string {
  return formatAddress(block.network + offset);
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join(".");
}

/** The block as canonical text (`10.10.0.0/16`). */
export function formatCidr(block: Ipv4Cidr): string {
  return `${formatAddress(block.network)}/${block.prefix}`;
}

/** How many addresses the blocks cover together (overlaps counted once). */
export function coveredAddresses(blocks: readonly Ipv4Cidr[]): number {
  const ranges = blocks.map((b) => [b.network, b.network + 2 ** (32 - b.prefix)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -1;
  for (const [from, to] of ranges) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/** Problems of a list of IPv4 CIDR blocks: each must parse, have no host bits set and be written canonically. */
export function cidrListProblems(at: string, field: string, ranges: readonly string[]): { problems: string[]; blocks: Ipv4Cidr[] } {
  const problems: string[] = [];
  const blocks: Ipv4Cidr[] = [];
  for (const range of ranges) {
    const block = parseCidr(range);
    if (!block) problems.push(`${at}: ${field} contains "${range}", which is not an ipv4 cidr block; use a network address such as 203.0.113.0/24`);
    else if (formatCidr(block) !== range) problems.push(`${at}: ${field} contains "${range}", which is not written canonically; write it as "${formatCidr(block)}"`);
    else blocks.push(block);
  }
  return { problems, blocks };
}
