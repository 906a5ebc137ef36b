import type { TcpFlags } from '../types';

export function flagNames(f: TcpFlags): string[] {
  const names: string[] = [];
  if (f.syn) names.push('SYN');
  if (f.fin) names.push('FIN');
  if (f.rst) names.push('RST');
  if (f.psh) names.push('PSH');
  if (f.ack) names.push('ACK');
  return names;
}
