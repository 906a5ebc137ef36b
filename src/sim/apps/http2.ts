import { fromBase64 } from '../bytes/hex';
import { httpDate, SIM_EPOCH_S } from '../epoch';
import { pageBody, reasonPhrase } from '../http/messages';
import { http2Caption } from '../http2/captions';
import type { Http2Write } from '../http2/connection';
import { Http2Client, Http2Server } from '../http2/endpoints';
import type { Network } from '../net/network';
import type { AppHooks } from '../net/tcpConnection';
import type { Prng } from '../prng';
import type { StreamWrite } from '../tcp/sendStream';
import type { TcpSocket } from '../tcp/socket';
import { CHROME_SHARES, chromeProfile } from '../tls/chromeHello';
import { TlsClient } from '../tls/client';
import { curlProfile } from '../tls/hello';
import { TlsServer } from '../tls/server';
import { rootCertificateDer } from '../tls/testCertificates';
import type { TlsWrite } from '../tls/writes';
import type { NodeId, Phase, RequestTiming, TcpSegmentInfo } from '../types';
import type { HttpsConnectionOptions } from './https';
import { serverTlsOptions } from './serverTls';
import { requestNotSent, runTlsOverTcp, setupPhases } from './tlsOverTcp';
import { captionFor } from './writeCaptions';

/**
 * Both ends of one HTTPS connection speaking HTTP/2 (RFC 9113): the TLS endpoints settle on h2
 * by ALPN; the client sends its preface, SETTINGS and every request at once, each on its own
 * stream; the server answers each stream, and each side reacts to the frames it parses
 * (SETTINGS ACK, WINDOW_UPDATE credit, END_STREAM). When all responses are in, the client sends
 * GOAWAY, close_notify and FIN; the server answers with its own GOAWAY (§6.8: endpoints SHOULD
 * send one before closing), close_notify and FIN.
 */
export function runHttp2Connection(net: Network, prng: Prng, sockets: { client: TcpSocket; server: TcpSocket }, apps: { client: AppHooks; server: AppHooks }, o: HttpsConnectionOptions, timing: RequestTiming[]) {
  const { scenario } = o;
  const host = scenario.server.host;
  const { client, server } = sockets;
  // Whose ClientHello (scenario tls.profile): Chrome's offers h2 by ALPN too.
  const chrome = scenario.tls?.profile === 'chrome';
  // status: only the HTTP/1.1 response caption reads it, and every h2 write has its own caption.
  const ctx = { host, status: '', bodyBytes: scenario.http.bodyBytes, shares: chrome ? CHROME_SHARES : undefined };
  const connectStartUs = net.nowUs;
  let connectEndUs = 0;
  let clientClosing = false;
  let serverClosing = false;
  let tlsFailed = false;
  const perStream = new Map<number, RequestTiming>();
  /** The HTTP/2 write TLS is sending now: its caption replaces the HTTP/1.1 one. */
  let h2Writing: { write: Http2Write; side: 'client' | 'server' } | undefined;

  const writer = (socket: TcpSocket) => (step: string, w: TlsWrite) => {
    const phase: Phase = step === 'request' || step === 'response' ? 'http' : step.endsWith('close-notify') ? 'close' : 'tls';
    const h2 = step === 'request' || step === 'response' ? h2Writing : undefined;
    const caption = h2 ? http2Caption(h2.write, h2.side) : undefined;
    const sw: StreamWrite = { ...w, phase, caption: (seg: TcpSegmentInfo, part) => (caption ? (part ? `${caption} (segment ${part.index} of ${part.count})` : caption) : captionFor(step, seg, ctx, part)) };
    socket.phase = phase;
    socket.write(sw);
  };
  const received = (node: NodeId) => (f: { summary: string }) => net.note(node, `received ${f.summary}`);

  const h2Client = new Http2Client({
    write: (w) => {
      h2Writing = { write: w, side: 'client' };
      tlsClient.send({ label: w.label, bytes: w.bytes, layer: w.layer });
    },
    received: received('client'),
    responseHeaders: (id) => {
      const t = perStream.get(id)!;
      const sent = t.phases.at(-1)!;
      t.phases.push({ id: 'wait', startUs: sent.endUs, endUs: net.nowUs });
    },
    response: (r) => {
      const t = perStream.get(r.streamId)!;
      t.phases.push({ id: 'download', startUs: t.phases.at(-1)!.endUs, endUs: net.nowUs });
      const status = r.headers.find(([n]) => n === ':status')?.[1] ?? '?';
      // One banner when the last stream ends: streams often end in the same instant.
      const all = [...perStream.values()].every((t) => t.phases.some((p) => p.id === 'download'));
      net.note('client', `✓ stream ${r.streamId}: ${status} ${reasonPhrase(Number(status))} received (${r.bodyLength.toLocaleString('en-US')} bytes)`.replace('  ', ' '), all ? 'response-complete' : undefined);
      if (all) net.queue.post(net.nowUs + scenario.clientLingerMs * 1000, closeClient);
    },
    error: (reason) => net.note('client', `✕ HTTP/2: ${reason}`),
  });

  const h2Server = new Http2Server({
    write: (w) => {
      h2Writing = { write: w, side: 'server' };
      tlsServer.send({ label: w.label, bytes: w.bytes, layer: w.layer });
    },
    received: received('server'),
    // Requests read together are answered together, their DATA frames taking turns.
    request: (id) => {
      server.phase = 'http';
      if (!ready.length) net.queue.post(net.nowUs + scenario.serverThinkMs * 1000, respond);
      ready.push(id);
    },
    // §6.8: the client is done; say so too. The close follows the client's FIN.
    goaway: () => h2Server.goAway(),
    error: (reason) => net.note('server', `✕ HTTP/2: ${reason}`),
  });

  const ready: number[] = [];
  const respond = () => {
    const { status, contentType, bodyBytes } = scenario.http;
    for (const id of ready.splice(0)) h2Server.respond(id, [[':status', String(status)], ['date', httpDate(net.nowUs)], ['server', 'wirescene'], ['content-type', contentType], ['content-length', String(bodyBytes)]], pageBody(host, bodyBytes));
    h2Server.flush();
  };

  const tlsClient: TlsClient = new TlsClient(prng, { host, profile: chrome ? chromeProfile : curlProfile, trustedRoot: fromBase64(rootCertificateDer), nowSeconds: SIM_EPOCH_S }, {
    send: writer(client),
    handshakeComplete: () => {
      net.note('client', `client checked the certificate chain to its root, the name ${host}, the signature and Finished; ALPN: ${tlsClient.alpn ?? 'none'}`);
      if (tlsClient.alpn !== 'h2') {
        net.note('client', `✕ the server did not agree to h2 (ALPN ${tlsClient.alpn ?? 'absent'}): closing`);
        closeClient();
        return;
      }
      sendRequests();
    },
    data: (bytes) => h2Client.receive(bytes),
    closeNotify: () => {},
    failed: (alert, reason, sent) => {
      tlsFailed = true;
      net.note('client', `✕ TLS alert ${alert} ${sent ? 'sent' : 'received'}: ${reason}`);
      timing.push(requestNotSent(o, alert, connectStartUs, connectEndUs, net.nowUs));
      closeClient();
    },
  });

  const tlsServer: TlsServer = new TlsServer(prng, serverTlsOptions(scenario, ['h2', 'http/1.1']), {
    send: writer(server),
    handshakeComplete: () => {
      net.note('server', `✓ TLS 1.3 handshake complete, ALPN ${tlsServer.alpn}`, 'tls-complete');
      if (tlsServer.alpn !== 'h2') return;
      // Sent with the SETTINGS ACK if the client's preface came in the same read, else on its own.
      h2Server.start();
      net.queue.post(net.nowUs, () => h2Server.flush());
    },
    data: (bytes) => h2Server.receive(bytes),
    closeNotify: () => {},
    failed: (alert, reason, sent) => {
      tlsFailed = true;
      net.note('server', `✕ TLS alert ${alert} ${sent ? 'sent' : 'received'}: ${reason}`);
    },
  });

  /** All requests in one write, on streams 1, 3, …: they need not wait for each other (§5). */
  const sendRequests = () => {
    const startUs = net.nowUs;
    h2Client.start();
    o.paths.forEach((path, i) => {
      const extra = Object.entries(scenario.http.headers ?? {}).map(([n, v]) => [n.toLowerCase(), v] as [string, string]);
      const id = h2Client.request([[':method', 'GET'], [':scheme', 'https'], [':authority', host], [':path', path], ['user-agent', scenario.http.userAgent], ['accept', '*/*'], ...extra]);
      const t: RequestTiming = { label: `GET ${path} (stream ${id})`, stream: o.stream, phases: [] };
      if (i === 0) {
        t.phases.push(...setupPhases(o, connectStartUs, connectEndUs, { id: 'tls', startUs: connectEndUs, endUs: startUs }));
      }
      t.phases.push({ id: 'request', startUs, endUs: startUs });
      perStream.set(id, t);
      timing.push(t);
    });
    h2Client.flush();
  };

  const closeClient = () => {
    if (clientClosing) return;
    clientClosing = true;
    client.phase = 'close';
    // After a fatal alert (RFC 8446 §6.2) there is no close_notify, and no HTTP/2 to end.
    if (!tlsFailed) {
      if (tlsClient.alpn === 'h2') h2Client.goAway();
      tlsClient.close();
    }
    client.close();
  };
  const closeServer = () => {
    if (serverClosing) return;
    serverClosing = true;
    server.phase = 'close';
    if (!tlsFailed) tlsServer.close();
    server.close();
  };
  runTlsOverTcp(net, sockets, apps, { client: tlsClient, server: tlsServer }, {
    connected: () => (connectEndUs = net.nowUs),
    closeClient,
    serverPeerClosed: closeServer,
    done: o.onDone,
  });
  return { keyLog: () => tlsClient.keyLog() };
}
