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
