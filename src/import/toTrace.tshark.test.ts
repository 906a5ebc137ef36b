import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { expectAppAsTshark } from '../../tests/support/tsharkChecks';
import { tsharkApp } from '../../tests/support/tsharkOracle';
import { FIXTURES } from './fixtures';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

// tshark's live reading (the recorded one is checked by recorded.test.ts, without tshark).
describe.skipIf(!hasTshark)('decrypted and dissected as tshark does', () => {
  for (const name of FIXTURES) {
    it(`${name}: TLS handshake types and HTTP method, path and status, frame by frame`, () => expectAppAsTshark(name, tsharkApp(name)), 60_000);
  }
});
