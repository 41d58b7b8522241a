/**
 * Which IP addresses a webhook may be sent to. Outgoing requests go only to public unicast
 * addresses: never loopback, private, CGNAT, link-local (cloud metadata at 169.254.169.254),
 * multicast, reserved or documentation ranges — in IPv4, IPv6, and IPv6 forms that carry an IPv4
 * address (mapped, compatible, NAT64, 6to4). The check runs on the resolved address (outgoing.ts).
 */
import { isIP } from 'node:net';

/** [first address, prefix length, why refused]. */
const IPV4_BLOCKED: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function ipv4Reason(ip: string): string | undefined {
  const n = ipv4ToInt(ip);
  for (const [base, bits, why] of IPV4_BLOCKED) {
    const size = 2 ** (32 - bits);
    const start = ipv4ToInt(base);
    if (n >= start && n < start + size) return why;
  }
  return undefined;
}

/** The 16 bytes of an IPv6 address (a valid one: `isIP(ip) === 6`), zone id dropped. */
export function ipv6Bytes(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...dotted[1]!.split('.').map(Number));
    text = text.slice(0, -dotted[1]!.length) + '0:0';
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const left = groups(head);
  const right = groups(rest);
  const all = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = all.flatMap((g) => {
    const v = parseInt(g, 16);
    return [v >> 8, v & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

const startsWith = (bytes: number[], prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const zeros = (bytes: number[], from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
const v4 = (bytes: number[], at: number) => bytes.slice(at, at + 4).join('.');

function ipv6Reason(ip: string): string | undefined {
  const b = ipv6Bytes(ip);
  if (zeros(b, 0, 16)) return 'unspecified';
  if (zeros(b, 0, 15) && b[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): the IPv4 address decides.
  if (zeros(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return embedded('IPv4-mapped', v4(b, 12));
  if (zeros(b, 0, 12)) return embedded('IPv4-compatible', v4(b, 12));
  // NAT64 (64:ff9b::/96 well-known, 64:ff9b:1::/48 local-use) reaches the embedded IPv4 address.
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b]) && zeros(b, 4, 12)) return embedded('NAT64', v4(b, 12));
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01])) return 'NAT64 local-use';
  if (startsWith(b, [0x20, 0x02])) return embedded('6to4', v4(b, 2));
  if (startsWith(b, [0x20, 0x01, 0x00, 0x00])) return 'Teredo';
  if (startsWith(b, [0x20, 0x01, 0x0d, 0xb8])) return 'documentation';
  if (startsWith(b, [0x01, 0x00]) && zeros(b, 2, 8)) return 'discard-only';
  if ((b[0]! & 0xfe) === 0xfc) return 'unique local (private)';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link-local';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'site-local';
  if (b[0] === 0xff) return 'multicast';
  // Global unicast is 2000::/3; everything else is unassigned or reserved.
  if ((b[0]! & 0xe0) !== 0x20) return 'reserved';
  return undefined;
}

function embedded(form: string, ipv4: string): string | undefined {
  const why = ipv4Reason(ipv4);
  return why ? `${form} ${why}` : undefined;
}

/** Why `ip` must not receive a webhook, or undefined when it is a public unicast address. */
export function forbiddenAddressReason(ip: string): string | undefined {
  const family = isIP(ip.split('%')[0]!);
  if (family === 4) return ipv4Reason(ip);
  if (family === 6) return ipv6Reason(ip);
  return 'not an IP address';
}
