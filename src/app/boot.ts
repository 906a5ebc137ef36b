// A classic script in <head>, before the first paint: the saved theme, else the system's (no flash
// of the wrong colours). A file, not inline, so the page runs under script-src 'self'; classic
// scripts cannot import, so the key is written out here (preferences.test.ts holds it to THEME_KEY)
// and the storage guard is platform/storage's in short: an opaque origin throws on localStorage.
{
  let saved: string | null = null;
  try {
    saved = localStorage.getItem('wirescene.theme');
  } catch {
    // a sandboxed frame or blocked storage: the system's theme
  }
  document.documentElement.dataset.theme = saved || (matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark');
}
