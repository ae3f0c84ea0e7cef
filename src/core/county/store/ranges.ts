/** A device's device_seq ranges, inclusive. */
export interface Span {
  from: number;
  to: number;
}

/** Sorted, with touching and overlapping spans joined: [1-5, 6-9, 12-12] → [1-9, 12-12]. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.from <= last.to + 1) last.to = Math.max(last.to, span.to);
    else out.push({ ...span });
  }
  return out;
}

/** The highest sequence number held with no gap from 1 (0: not even 1 is held). Spans must be merged. */
export function throughOf(merged: Span[]): number {
  return merged[0]?.from === 1 ? merged[0].to : 0;
}

/** The holes below the highest sequence number held. Spans must be merged. */
export function gapsOf(merged: Span[]): Span[] {
  const gaps: Span[] = [];
  let next = 1;
  for (const span of merged) {
    if (span.from > next) gaps.push({ from: next, to: span.from - 1 });
    next = span.to + 1;
  }
  return gaps;
}
