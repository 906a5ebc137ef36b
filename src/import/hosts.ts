import type { Endpoint, NodeId } from '../sim/types';
import { fail, ok, type Result } from './capture';
import type { Conversation } from './conversations';

/**
 * Which node of the canvas each side of each picked conversation is. A host is the address
 * of a side that opens conversations, and the address and port of a side that answers (on
 * loopback every program is 127.0.0.1: the port tells a DNS responder from a web server).
 * Hosts are placed left to right in the order they first appear: the first on the left
 * (client), then the middle (the stage's resolver place, above the link), then the right
 * (server). The stage draws one host talking to the others, so every picked conversation
 * must include the first host.
 */
export interface HostPlacement {
  /** By conversation id: the node of side A (spoke first) and of side B. */
  sides: Map<string, { a: NodeId; b: NodeId }>;
  endpoints: { client: Endpoint; server?: Endpoint; resolver?: Endpoint };
}

const hostOfA = (c: Conversation) => c.a.ip;
const hostOfB = (c: Conversation) => `${c.b.ip} :${c.b.port}`;
const shown = (key: string) => (key.includes(' :') ? key.replace(' :', ':') : key);

/** `isDns(c)`: the conversation is DNS over UDP (a lone answering host of those sits in the resolver's place). */
export function placeHosts(picked: readonly Conversation[], isDns: (c: Conversation) => boolean): Result<HostPlacement> {
  const inTime = [...picked].sort((x, y) => x.startUs - y.startUs || x.frames[0] - y.frames[0]);
  const order: string[] = [];
  const endpointOf = new Map<string, { ip: string; port: number }>();
  for (const c of inTime) {
    for (const [key, end] of [[hostOfA(c), c.a], [hostOfB(c), c.b]] as const) {
      if (!order.includes(key)) {
        order.push(key);
        endpointOf.set(key, end);
      }
    }
  }
  const left = order[0];
  const apart = inTime.find((c) => hostOfA(c) !== left && hostOfB(c) !== left);
  if (apart) return fail(`${apart.id} is between ${shown(hostOfA(apart))} and ${shown(hostOfB(apart))}, neither of them ${shown(left)}: the canvas shows one host talking to others, so pick conversations that ${shown(left)} takes part in`);
  const others = order.slice(1);
  if (others.length > 2) return fail(`these ${picked.length} conversations have ${order.length} hosts (${order.map(shown).join(', ')}); the canvas shows at most three: pick conversations with at most two peers of ${shown(left)}`);
  const node = new Map<string, NodeId>([[left, 'client']]);
  if (others.length === 2) node.set(others[0], 'resolver').set(others[1], 'server');
  else if (others.length === 1) node.set(others[0], inTime.every(isDns) ? 'resolver' : 'server');
  const sides = new Map(inTime.map((c) => [c.id, { a: node.get(hostOfA(c))!, b: node.get(hostOfB(c))! }]));
  const endpoint = (key: string, id: NodeId, name: string): Endpoint => ({ id, name, ip: endpointOf.get(key)!.ip, port: endpointOf.get(key)!.port });
  const named = (key: string, id: NodeId) => endpoint(key, id, id === 'client' ? 'client' : inTime.filter((c) => hostOfB(c) === key).every(isDns) ? 'resolver' : 'server');
  const endpoints: HostPlacement['endpoints'] = { client: named(left, 'client') };
  for (const key of others) endpoints[node.get(key) as 'server' | 'resolver'] = named(key, node.get(key)!);
  return ok({ sides, endpoints });
}
