import { toHex } from '../bytes/hex';

/** The NSS key log (SSLKEYLOGFILE) one endpoint writes: a line per secret, named by the client's random. */
export class NssKeyLog {
  private readonly lines: string[] = [];

  add(label: string, clientRandom: Uint8Array, secret: Uint8Array): void {
    this.lines.push(`${label} ${toHex(clientRandom)} ${toHex(secret)}`);
  }

  text(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
}
