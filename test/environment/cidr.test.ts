import { addressOf, cidrsOverlap, Ipv4Cidr, parseCidr, subnetOf } from "../../lib/environment/cidr";

const cidr = (text: string): Ipv4Cidr => {
  const parsed = parseCidr(text);
  if (!parsed) throw new Error(`not a cidr: ${text}`);
  return parsed;
};

describe("cidr", () => {
  test.each(["10.0.0.1/16", "10.0.0.0/33", "256.0.0.0/8", "10.0.0/8", "10.0.0.0", " 10.0.0.0/8"])("rejects %s", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  test("overlap is symmetric and exact at the boundary", () => {
    expect(cidrsOverlap(cidr("10.10.0.0/16"), cidr("10.10.128.0/17"))).toBe(true);
    expect(cidrsOverlap(cidr("10.10.128.0/17"), cidr("10.10.0.0/16"))).toBe(true);
    expect(cidrsOverlap(cidr("10.10.0.0/16"), cidr("10.11.0.0/16"))).toBe(false);
    expect(cidrsOverlap(cidr("0.0.0.0/0"), cidr("192.168.1.0/24"))).toBe(true);
  });

  test("carves subnets and addresses", () => {
    expect(subnetOf(cidr("10.10.0.0/16"), 17, 0)).toBe("10.10.0.0/17");
    expect(subnetOf(cidr("10.10.0.0/16"), 18, 2)).toBe("10.10.128.0/18");
    expect(subnetOf(cidr("10.255.255.0/24"), 26, 3)).toBe("10.255.255.192/26");
    expect(addressOf(cidr("172.16.0.0/16"), 10)).toBe("172.16.0.10");
  });
});
