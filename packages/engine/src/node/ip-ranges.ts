import { isIPv4, isIPv6 } from 'node:net';

/** [first address as a number, prefix length] */
type V4Range = readonly [number, number];

function v4(text: string): number {
  return text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** IPv4 ranges a workflow must not reach: this host, private networks, link-local (cloud metadata), etc. */
const FORBIDDEN_V4: readonly V4Range[] = [
  [v4('0.0.0.0'), 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  [v4('10.0.0.0'), 8],
  [v4('100.64.0.0'), 10], // carrier-grade NAT
  [v4('127.0.0.0'), 8],
  [v4('169.254.0.0'), 16], // link-local, incl. 169.254.169.254 metadata
  [v4('172.16.0.0'), 12],
  [v4('192.0.0.0'), 24], // IETF protocol assignments (incl. some metadata endpoints)
  [v4('192.0.2.0'), 24],
  [v4('192.168.0.0'), 16],
  [v4('198.18.0.0'), 15],
  [v4('198.51.100.0'), 24],
  [v4('203.0.113.0'), 24],
  [v4('224.0.0.0'), 4], // multicast
  [v4('240.0.0.0'), 4], // reserved + broadcast
];

function inV4Range(address: number, [base, prefix]: V4Range): boolean {
  const size = 2 ** (32 - prefix);
  return address >= base && address < base + size;
}

function forbiddenV4(address: string): boolean {
  const value = v4(address);
  return FORBIDDEN_V4.some((range) => inV4Range(value, range));
}

/** The eight 16-bit groups of an IPv6 address (dotted IPv4 tail and `::` expanded, zone id dropped). */
export function ipv6Groups(address: string): number[] {
  let text = address.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const value = v4(tail[1]);
    text = `${text.slice(0, -tail[1].length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const fill = rest === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

function embeddedV4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function forbiddenV6(address: string): boolean {
  const g = ipv6Groups(address);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && g5 === 0 && g6 === 0 && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) carry an IPv4 address the OS will use.
  if (zeroPrefix && (g5 === 0xffff || g5 === 0)) return forbiddenV4(embeddedV4(g6, g7));
  // NAT64 (64:ff9b::/96) translates to the embedded IPv4 address.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return forbiddenV4(embeddedV4(g6, g7));
  }
  if (g0 === 0x2002) return forbiddenV4(embeddedV4(g1, g2)); // 6to4
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique local fc00::/7 (incl. fd00:ec2::254 metadata)
  if ((g0 & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return true; // deprecated site-local fec0::/10
  if ((g0 & 0xff00) === 0xff00) return true; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  return false;
}

/**
 * True when `address` (an IP literal, IPv6 with or without brackets) is loopback, private, link-local,
 * metadata, multicast or otherwise not a public unicast address. Anything that is not an IP literal is
 * treated as forbidden, so a caller can never mistake a hostname for a checked address.
 */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return forbiddenV4(bare);
  if (isIPv6(bare.split('%')[0] ?? '')) return forbiddenV6(bare);
  return true;
}
