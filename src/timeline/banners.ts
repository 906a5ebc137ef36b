import type { Banner, TimedEvent } from './plan';

/** A milestone note becomes a banner for bannerS (or until the next one); the last stays to the end. */
export function bannersOf(ordered: readonly TimedEvent[], bannerS: number, endS: number): Banner[] {
  const starts = ordered.flatMap(({ atS, event }) => (event.kind === 'note' && event.milestone ? [{ atS, text: withoutNode(event.text, event.node) }] : []));
  return starts.map((b, i) => {
    const next = starts[i + 1]?.atS ?? Infinity;
    const isLast = i === starts.length - 1;
    return { text: b.text, startS: b.atS, endS: isLast ? endS : Math.min(b.atS + bannerS, next) };
  });
}

/** A log line may start with the node's name ("server  ✓ Connection ESTABLISHED"); a banner does not need it. */
function withoutNode(text: string, node: string): string {
  return text.startsWith(`${node} `) ? text.slice(node.length).trimStart() : text;
}
