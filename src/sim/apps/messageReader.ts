import type { TcpSocket } from '../tcp/socket';

/**
 * Reads a byte stream as the messages its writer sent: the writer announces each message's
 * length as it writes it (as a length prefix or a record header would), the reader takes
 * bytes from its socket and hands each message on once all its bytes are in.
 */
export class MessageReader<Tag> {
  private expected: { length: number; tag: Tag }[] = [];
  private have = 0;
  /** When the first byte of the message at the head arrived (time to first byte). */
  firstByteUs: number | undefined;

  /** `onMessage` learns when the message's first byte arrived (a response's time to first byte). */
  constructor(private readonly onMessage: (tag: Tag, firstByteUs: number) => void) {}

  expect(length: number, tag: Tag): void {
    this.expected.push({ length, tag });
  }

  /** Reads what the socket has (up to `max` bytes: a slow reader) and delivers whole messages. */
  pull(socket: TcpSocket, nowUs: number, max?: number): void {
    for (const chunk of socket.read(max)) this.have += chunk.length;
    if (this.have > 0 && this.firstByteUs === undefined) this.firstByteUs = nowUs;
    while (this.expected.length && this.have >= this.expected[0].length) {
      const { length, tag } = this.expected.shift()!;
      const firstByteUs = this.firstByteUs ?? nowUs;
      this.have -= length;
      // Bytes left over belong to the next message, which began arriving by now.
      this.firstByteUs = this.have > 0 ? nowUs : undefined;
      this.onMessage(tag, firstByteUs);
    }
  }
}
