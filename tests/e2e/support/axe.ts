import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Serious and critical accessibility problems axe finds in a part of the page, colour contrast
 * (WCAG AA) included; a contrast problem names its colours and ratio so it can be fixed.
 */
export async function axeProblems(page: Page, scope: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(scope).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')}${v.id === 'color-contrast' ? ` (${contrastOf(n.any[0]?.data)})` : ''}`).join(', ')}`);
}

function contrastOf(data: unknown): string {
  const d = (data ?? {}) as { fgColor?: string; bgColor?: string; contrastRatio?: number };
  return `${d.fgColor ?? '?'} on ${d.bgColor ?? '?'}, ${d.contrastRatio ?? '?'}:1`;
}
