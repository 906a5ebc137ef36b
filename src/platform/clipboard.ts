/**
 * Copies text to the clipboard. navigator.clipboard is missing outside secure contexts and
 * refused in frames without the clipboard-write permission and when the person says no;
 * every one of those resolves false (show the text to copy by hand), none throws.
 */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText || !policyAllows('clipboard-write')) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the frame's permissions policy allows a feature (Chromium's document.featurePolicy;
 * elsewhere assume yes and let the call fail). Asking first keeps the console quiet: a refused
 * clipboard call logs a "Permissions policy violation" error.
 */
function policyAllows(feature: string): boolean {
  const policy = (document as Document & { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy;
  return policy?.allowsFeature(feature) ?? true;
}
