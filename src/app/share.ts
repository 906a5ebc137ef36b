import { copyToClipboard } from '../platform/clipboard';
import { showNotice } from './dom';

/**
 * The <iframe> snippet for a page URL already in embed mode. No style attribute: a page whose
 * CSP has no 'unsafe-inline' in style-src drops it (and reports it). The size is the width and
 * height attributes (720 × 501: the 720 × 405 canvas and the 96 px bar below it; the embed page
 * fits the largest 16:9 canvas and its bar into any other size), and
 * frameborder="0" removes the frame's inset border as a presentational hint, which CSP does not
 * govern (HTML Standard, Rendering, "Attributes for embedded content and images":
 * iframe[frameborder='0'] { border: none }). Obsolete for authors, yet every browser honours it.
 */
export function embedCode(src: string, title: string): string {
  return `<iframe src="${src}" width="720" height="501" frameborder="0" allowfullscreen title="${title.replace(/"/g, '&quot;')}"></iframe>`;
}

/** Copies text; where the clipboard is refused, shows it so it can be copied by hand. */
export function copyText(text: string, what: string): void {
  void copyToClipboard(text).then((copied) => showNotice(copied ? [] : [`Copy this ${what}: ${text}`]));
}
