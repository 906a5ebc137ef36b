import { Timer } from '../core/eventQueue';
import { encodeDnsQuery, encodeDnsResponse, parseDnsMessage } from '../dns/message';
import type { Network } from '../net/network';
import type { Prng } from '../prng';
import type { Scenario } from '../scenario';
import type { Packet } from '../types';

type DnsSettings = NonNullable<Scenario['dns']>;

/** The resolver answers from its cache at once: one datagram in, one out, no connection. */
export function runDnsServer(net: Network, dns: DnsSettings, zone: Record<string, string>): void {
  net.listen('resolver', dns.resolver.port, (packet: Packet, payload: Uint8Array) => {
    const query = parseDnsMessage(payload);
    const question = query.questions[0];
    const address = question && zone[question.name.toLowerCase()];
    if (!address) return;
    const answer = encodeDnsResponse({ id: query.id, name: question.name, address, ttlS: dns.ttlS });
    net.sendUdp({
      from: 'resolver',
      to: 'client',
      stream: 0,
      srcPort: dns.resolver.port,
      dstPort: packet.udp!.srcPort,
      label: 'DNS answer',
      caption: `The resolver answers: ${question.name} is ${address}, good for ${dns.ttlS} s; no handshake was needed`,
      phase: 'dns',
      topLayer: 'dns',
      payload: answer.bytes,
      layers: [answer.layer],
    });
  });
}

/**
 * The client's stub resolver: one query over UDP, a timer in case the query or its answer
 * is lost (UDP itself never retransmits), another attempt when it fires.
 */
export function lookUp(net: Network, prng: Prng, dns: DnsSettings, name: string, done: (address: string, startUs: number) => void): void {
  const port = 32768 + (prng.u32() % 28233); // Linux's ephemeral range, 32768–60999
  const id = prng.u32() & 0xffff;
  const startUs = net.nowUs;
  let attempt = 0;
  let answered = false;
  const timer = new Timer(net.queue, () => {
    if (attempt >= dns.attempts) {
      net.note('client', `DNS: no answer after ${attempt} attempts; giving up`);
      return;
    }
    net.note('client', `DNS timer (${dns.timeoutMs} ms) expired with no answer: asking again (UDP does not retransmit by itself)`);
    ask();
  }, (s) => net.timer('client', 0, 'dns', s));

  const ask = () => {
    attempt++;
    const query = encodeDnsQuery({ id, name, type: 'A' });
    net.sendUdp({
      from: 'client',
      to: 'resolver',
      stream: 0,
      srcPort: port,
      dstPort: dns.resolver.port,
      label: 'DNS query',
      caption: attempt === 1
        ? `Client asks the resolver for ${name}'s address: one UDP datagram, no handshake first`
        : `The same question again: attempt ${attempt}, after ${dns.timeoutMs} ms of silence`,
      phase: 'dns',
      topLayer: 'dns',
      payload: query.bytes,
      layers: [query.layer],
    });
    timer.arm(dns.timeoutMs * 1000, 'dns');
  };

  net.listen('client', port, (packet, payload) => {
    const reply = parseDnsMessage(payload);
    const address = reply.answers.find((a) => a.type === 'A')?.address;
    if (answered || reply.id !== id || !address) return;
    answered = true;
    timer.cancel();
    net.note('client', `✓ ${name} is ${address}: one round trip over UDP, no connection state`, 'resolved', packet.id);
    done(address, startUs);
  });
  ask();
}
