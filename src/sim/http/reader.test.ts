import { describe, expect, it } from 'vitest';
import { getRequest, response } from './messages';
import { type HttpArrival, HttpReader } from './reader';

describe('HTTP/1.1 reader', () => {
  it('hands on each message when its last byte is in, whatever the chunking', () => {
    const bytes = new Uint8Array([...response(200, 'text/html', 'example.com', 3000, true).bytes, ...getRequest('example.com', '/', 'curl/7.88.1').bytes]);
    for (const size of [1, 7, 1460, bytes.length]) {
      const got: HttpArrival[] = [];
      const r = new HttpReader((m) => got.push(m));
      for (let at = 0, t = 0; at < bytes.length; at += size, t++) r.push(bytes.subarray(at, at + size), t);
      expect(got.map((m) => [m.startLine, m.bodyLength])).toEqual([['HTTP/1.1 200 OK', 3000], ['GET / HTTP/1.1', 0]]);
      expect(got[0].firstByteUs).toBe(0);
    }
  });
});
