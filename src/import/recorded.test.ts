import { describe, it } from 'vitest';
import { expectAppAsTshark, expectConversationsAsTshark, expectFramesAsTshark } from '../../tests/support/tsharkChecks';
import { recorded } from '../../tests/support/tsharkOracle';
import { FIXTURES } from './fixtures';

// The checks of tshark.test.ts and toTrace.tshark.test.ts against tshark's recorded reading
// (tests/fixtures/captures/tshark/), so they run where tshark is not installed, and in the mutation runs.
describe('every fixture reads as tshark read it (recorded)', () => {
  for (const name of FIXTURES) {
    it(`${name}: frames, TCP analysis, conversations, TLS handshake and HTTP messages`, () => {
      const reading = recorded(name);
      expectFramesAsTshark(name, reading.frames);
      expectConversationsAsTshark(name, reading.conversations);
      expectAppAsTshark(name, reading.app);
    });
  }
});
