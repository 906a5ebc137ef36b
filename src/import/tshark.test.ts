import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { expectConversationsAsTshark, expectFramesAsTshark } from '../../tests/support/tsharkChecks';
import { tsharkConversations, tsharkFrames } from '../../tests/support/tsharkOracle';
import { FIXTURES } from './fixtures';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

// tshark's live reading (the recorded one is checked by recorded.test.ts, without tshark).
describe.skipIf(!hasTshark)('every fixture reads as tshark reads it', () => {
  for (const name of FIXTURES) {
    it(`${name}: frames, streams, addresses, TCP flags, relative seq/ack, lengths, windows, analysis flags`, () => expectFramesAsTshark(name, tsharkFrames(name)), 60_000);
  }
  for (const name of FIXTURES) {
    it(`${name}: conversations agree with tshark -z conv (packets, bytes, duration per connection)`, () => expectConversationsAsTshark(name, tsharkConversations(name)), 60_000);
  }
});
