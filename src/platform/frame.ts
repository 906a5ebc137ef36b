/**
 * Where the page runs. A frame sandboxed without allow-same-origin has an opaque origin
 * ("null"); such a frame may also lack allow-downloads, which the page cannot ask about, so
 * a download there comes with a hint.
 */
export const inOpaqueOrigin = (): boolean => self.origin === 'null';

export const inFrame = (): boolean => {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
};

export const SANDBOXED_DOWNLOAD_HINT = 'If no download starts, this page is in a frame that does not allow downloads: open it in a tab of its own.';
