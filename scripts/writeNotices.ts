/** npm run notices: writes THIRD_PARTY_NOTICES from what the bundles import (see notices.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { NOTICES_FILE, noticesText } from './notices';

const text = await noticesText();
let old = '';
try {
  old = readFileSync(NOTICES_FILE, 'utf8');
} catch {
  // first run
}
if (old === text) console.log(`${NOTICES_FILE} is up to date`);
else {
  writeFileSync(NOTICES_FILE, text);
  console.log(`wrote ${NOTICES_FILE}`);
}
