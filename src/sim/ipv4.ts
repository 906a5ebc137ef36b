import type { Layer } from './types';

export interface Ipv4Info {
  src: string;
  dst: string;
  id: number;
  ttl: number;
  totalLength: number;
}

export function ipv4Layer(ip: Ipv4Info): Layer {
  return {
    name: 'IPv4',
    summary: `${ip.src} → ${ip.dst}`,
    fields: [
      { name: 'version', value: '4' },
      { name: 'header length', value: '20 bytes' },
      { name: 'total length', value: `${ip.totalLength} bytes`, note: 'IP header + TCP header + payload' },
      { name: 'identification', value: `0x${ip.id.toString(16).padStart(4, '0')}` },
      { name: 'flags', value: "DF (don't fragment)", note: 'path MTU discovery: routers must not split it' },
      { name: 'TTL', value: String(ip.ttl), note: 'hops left before a router drops it' },
      { name: 'protocol', value: '6 (TCP)' },
      { name: 'source', value: ip.src },
      { name: 'destination', value: ip.dst },
    ],
  };
}
