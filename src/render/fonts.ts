import { FONT_FAMILY } from './theme';

const faces = [
  { weight: '400', url: new URL('../../assets/fonts/JetBrainsMono-Regular.woff2', import.meta.url) },
  { weight: '700', url: new URL('../../assets/fonts/JetBrainsMono-Bold.woff2', import.meta.url) },
];

let loading: Promise<void> | undefined;

/** Loads the bundled font before any text is drawn, so no frame shows a fallback font. */
export function loadFonts(): Promise<void> {
  loading ??= Promise.all(
    faces.map(async ({ weight, url }) => {
      const face = new FontFace(FONT_FAMILY, `url(${url.href})`, { weight, style: 'normal' });
      await face.load();
      document.fonts.add(face);
    }),
  ).then(() => undefined);
  return loading;
}
