import type { Simulation } from '../sim/types';

/** Offers bytes as a file download (an object URL on a temporary link). */
export function offerDownload(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The capture of a simulation, with its TLS key log embedded; the writer loads on first use. */
export async function downloadCapture(sim: Simulation, scenarioId: string): Promise<void> {
  const { writePcapng } = await import('./pcapng');
  offerDownload(writePcapng(sim), `wirescene-${scenarioId}.pcapng`, 'application/x-pcapng');
}
