import { inOpaqueOrigin, SANDBOXED_DOWNLOAD_HINT } from '../platform/frame';
import type { Simulation } from '../sim/types';

/**
 * Offers bytes as a file download (an object URL on a temporary link). Returns a hint to show
 * where the browser may refuse it without telling the page (a sandboxed frame).
 */
export function offerDownload(bytes: Uint8Array, fileName: string, type: string): string | undefined {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return inOpaqueOrigin() ? SANDBOXED_DOWNLOAD_HINT : undefined;
}

/** The capture of a simulation, with its TLS key log embedded; the writer loads on first use. */
export async function downloadCapture(sim: Simulation, scenarioId: string): Promise<string | undefined> {
  const { writePcapng } = await import('./pcapng');
  return offerDownload(writePcapng(sim), `wirescene-${scenarioId}.pcapng`, 'application/x-pcapng');
}
