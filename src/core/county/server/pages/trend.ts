import type { WeekRow } from '../../dashboard-types';
import { html, type Html } from '../html';

const W = 960;
const H = 280;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };
export const TREND_COLOURS = { pupils: '#1f6f8b', lessons: '#c0711a' };

/** A round top for the y axis (1, 2, 5 × 10^n) and its ticks. */
function niceMax(max: number): number {
  if (max <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 2.5, 5, 10].map((m) => m * step).find((m) => m >= max) ?? 10 * step);
}

/** The weekly trend as an SVG line chart: pupils who answered and lessons finished per week, one y axis (counts). */
export function trendSvg(weeks: WeekRow[], label: string, names: { pupils: string; lessons: string }): Html {
  const top = niceMax(Math.max(0, ...weeks.flatMap((w) => [w.activePupils, w.lessonsFinished])));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (weeks.length <= 1 ? innerW / 2 : (i / (weeks.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f));
  const line = (pick: (w: WeekRow) => number, colour: string, name: string) => {
    const points = weeks.map((w, i) => `${x(i).toFixed(1)},${y(pick(w)).toFixed(1)}`).join(' ');
    return html`<g><title>${name}</title><polyline fill="none" stroke="${colour}" stroke-width="3" stroke-linejoin="round" points="${points}"/>
${weeks.map((w, i) => html`<circle cx="${x(i).toFixed(1)}" cy="${y(pick(w)).toFixed(1)}" r="4" fill="${colour}"><title>${w.week}: ${pick(w)}</title></circle>`)}</g>`;
  };
  const every = Math.max(1, Math.ceil(weeks.length / 9));
  return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">
<g font-size="13" fill="#55636d">${ticks.map((v) => html`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e8eb"/><text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text>`)}
${weeks.map((w, i) => (i % every === 0 || i === weeks.length - 1 ? html`<text x="${x(i)}" y="${H - 14}" text-anchor="middle">${w.week.slice(5)}</text>` : ''))}</g>
${line((w) => w.activePupils, TREND_COLOURS.pupils, names.pupils)}${line((w) => w.lessonsFinished, TREND_COLOURS.lessons, names.lessons)}</svg>`;
}
