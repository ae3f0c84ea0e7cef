import { fill } from '../../../../shared/messages';
import type { Dashboard } from '../../dashboard-types';
import { html, type Html } from '../html';
import { dashboardTables, formatTime, type ShownTable } from '../tables';
import { COUNTY_TEXT } from '../text';
import { page, type PageContext } from './layout';
import { TREND_COLOURS, trendSvg } from './trend';

/** The county dashboard: totals, schools with their last sync, completion by grade and lesson, hardest questions, weekly trend. */
export function dashboardPage(ctx: PageContext, d: Dashboard): string {
  const t = COUNTY_TEXT[ctx.lang];
  const tables = dashboardTables(d, ctx.lang);
  const total = (label: string, value: number, unit: string, alert = false) =>
    html`<li${alert ? html` class="alert"` : ''}><span class="label">${label}</span><span class="value">${value.toLocaleString(ctx.lang)}</span><span class="unit">${unit}</span></li>`;
  const card = (table: ShownTable, intro: string, extra: Html | string = '', folded = false) => {
    const headingId = `h-${table.id}`;
    return html`<section class="card" aria-labelledby="${headingId}"><div class="card-head"><div><h2 id="${headingId}">${table.title}</h2><p class="sub">${intro}</p></div>
<a class="csv" href="/csv/${table.id}.csv?lang=${ctx.lang}" download aria-label="${fill(t.dash.csvOf, { table: table.title })}">${t.dash.csv}</a></div>
${extra}${table.empty ? html`<p class="empty">${t.dash.none}</p>` : folded ? html`<details><summary>${t.dash.showNumbers}</summary>${table.html()}</details>` : table.html()}</section>`;
  };
  const legend = html`<ul class="legend"><li><i style="background:${TREND_COLOURS.pupils}"></i>${t.dash.activePupils}</li><li><i style="background:${TREND_COLOURS.lessons}"></i>${t.dash.lessonsFinished}</li></ul>`;
  const trend = d.weeks.length === 0 ? '' : html`<div class="trend">${trendSvg(d.weeks, t.dash.trendChart, { pupils: t.dash.activePupils, lessons: t.dash.lessonsFinished })}${legend}</div>`;
  const body = html`<h1>${t.dash.title}</h1><p class="sub">${fill(t.dash.updated, { at: formatTime(d.at) })}</p>
<section aria-labelledby="h-totals"><h2 id="h-totals" class="visually-hidden">${t.dash.totals}</h2><ul class="totals">
${total(t.dash.totalSchools, d.totals.schools, t.dash.unitSchools)}${total(t.dash.totalPupils, d.totals.pupils, t.dash.unitPupils)}
${total(t.dash.totalAttempts, d.totals.attempts, t.dash.unitAnswers)}${total(t.dash.totalFinished, d.totals.finished, t.dash.unitLessons)}
${total(fill(t.dash.staleSchools, { days: d.staleDays }), d.totals.stale, t.dash.unitSchools, d.totals.stale > 0)}</ul></section>
${card(tables.schools, fill(t.dash.schoolsIntro, { days: d.staleDays }))}
${card(tables.completion, t.dash.completionIntro)}${card(tables.hardest, fill(t.dash.hardestIntro, { min: d.minPupils }))}
${card(tables.weeks, fill(t.dash.trendIntro, { weeks: d.weeks.length }), trend, true)}`;
  return page(ctx, t.dash.title, body);
}
