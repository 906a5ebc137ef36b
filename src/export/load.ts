/**
 * The one place the export code is imported: lazily, on first use, as a whole module.
 * (Parcel 2.16 drops exports that are destructured at one of several dynamic-import sites
 * of the same module; a single site that returns the namespace keeps them all.)
 */
export const loadExport = () => import('./index');
