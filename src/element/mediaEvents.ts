/** The media element's vocabulary, with no imports: the published types (.d.ts) are built from files like this one. */

/** HTMLMediaElement's readyState values (HTML §4.8.11.7). */
export const HAVE_NOTHING = 0;
export const HAVE_METADATA = 1;
export const HAVE_CURRENT_DATA = 2;
export const HAVE_FUTURE_DATA = 3;
export const HAVE_ENOUGH_DATA = 4;
export type ReadyState = 0 | 1 | 2 | 3 | 4;

/** Every event <wire-scene> fires, with <video>'s names (custom-elements.json lists exactly these). */
export const MEDIA_EVENTS = [
  'loadstart',
  'emptied',
  'durationchange',
  'loadedmetadata',
  'loadeddata',
  'canplay',
  'canplaythrough',
  'play',
  'playing',
  'pause',
  'timeupdate',
  'seeking',
  'seeked',
  'ratechange',
  'ended',
  'error',
] as const;
export type MediaEventType = (typeof MEDIA_EVENTS)[number];
