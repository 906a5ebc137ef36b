import { Cursor } from './cursor';
import { ALERT_DESCRIPTION_NAMES, nameOf } from './names';

/** An Alert record's content (RFC 8446 §6): level 1 warning / 2 fatal, and a description. */
export interface Alert {
  level: number;
  description: number;
  name: string;
}

export function parseAlert(content: Uint8Array): Alert {
  const c = new Cursor(content);
  const level = c.u8('alert level');
  const description = c.u8('alert description');
  c.done('Alert');
  return { level, description, name: nameOf(ALERT_DESCRIPTION_NAMES, description) };
}
