/**
 * What the page's libraries need to run under `script-src 'self'` with Trusted Types, where
 * `new Function` and `eval` are refused (and each attempt is reported as a violation):
 * - Pixi compiles shader-uniform and particle code with `new Function` unless its
 *   `pixi.js/unsafe-eval` module (despite the name: the eval-free versions) is installed;
 * - zod compiles object parsers the same way, and even probes for it once, unless jitless.
 * Import this module first: before any Pixi renderer starts or any zod schema parses.
 */
// Parcel reads no package "exports": package.json's "alias" points it at the file.
import 'pixi.js/unsafe-eval';
import * as z from 'zod';

z.config({ jitless: true });
