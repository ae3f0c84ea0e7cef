import type { Language } from '../../../shared/languages';
import { fill } from '../../../shared/messages';
import { csvField } from '../../progress/transfer';
import type { CompletionRow, Dashboard, HardQuestionRow, SchoolRow, WeekRow } from '../dashboard-types';
import { html, type Html } from './html';
import { COUNTY_TEXT, type CountyText } from './text';

/**
 * Every table of the dashboard, defined once: the page renders it as HTML and /csv/<id>.csv as CSV,
 * with the same columns, headings and order (so the CSV is exactly what the viewer sees).
 */
export interface Column<R> {
  label: string;
  num?: boolean;
  /** The plain value (CSV, and the cell unless `cell` is given). */
  value: (row: R) => string | number;
  cell?: (row: R) => Html;
}

export interface Table<R> {
  id: TableId;
  title: string;
  columns: Column<R>[];
  rows: R[];
}

export const TABLE_IDS = ['schools', 'completion', 'hardest', 'weeks'] as const;
export type TableId = (typeof TABLE_IDS)[number];

const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** County time as YYYY-MM-DD HH:mm in China Standard Time (no summer time there): the same in both languages, sortable, one CSV cell. */
export function formatTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A column heading with its unit: 学生（人）, Pupils (pupils). */
const unit = (t: CountyText, label: string, u: string) => (u === '' ? label : fill(t.dash.withUnit, { label, unit: u }));

const lessonName = (row: { title: string | null; packId: string; lessonId: string }) => row.title ?? `${row.packId} / ${row.lessonId}`;

const bar = (value: number) => html`<span class="bar" aria-hidden="true"><span style="width:${Math.min(100, Math.max(0, value))}%"></span></span>`;

function schoolsTable(d: Dashboard, t: CountyText): Table<SchoolRow> {
  const status = (r: SchoolRow) => (r.lastSyncAt === null ? t.dash.neverSynced : r.stale ? fill(t.dash.stale, { days: r.daysSince ?? 0 }) : t.dash.fresh);
  const since = (r: SchoolRow) => (r.daysSince === null ? '' : r.daysSince === 0 ? t.dash.today : fill(t.dash.daysAgo, { days: r.daysSince }));
  return {
    id: 'schools',
    title: t.dash.schools,
    rows: d.schools,
    columns: [
      { label: t.dash.school, value: (r) => r.name },
      { label: t.dash.lastSync, value: (r) => (r.lastSyncAt ? formatTime(r.lastSyncAt) : t.dash.neverSynced), cell: (r) => html`${r.lastSyncAt ? formatTime(r.lastSyncAt) : '—'}<br><small class="sub">${since(r)}</small>` },
      { label: t.dash.status, value: status, cell: (r) => html`<span class="badge ${r.stale || r.lastSyncAt === null ? 'stale' : 'fresh'}">${status(r)}</span>` },
      { label: unit(t, t.dash.pupils, t.dash.head.pupils), num: true, value: (r) => r.pupils },
      { label: unit(t, t.dash.events, t.dash.head.records), num: true, value: (r) => r.events },
      { label: t.dash.bundles, num: true, value: (r) => r.bundles },
      { label: t.dash.schoolId, value: (r) => r.keyId, cell: (r) => html`<span class="mono">${r.keyId}</span>` },
    ],
  };
}

function completionTable(d: Dashboard, t: CountyText): Table<CompletionRow> {
  return {
    id: 'completion',
    title: t.dash.completion,
    rows: d.completion,
    columns: [
      { label: t.dash.grade, value: (r) => (r.grade === null ? t.dash.gradeUnknown : fill(t.dash.gradeN, { grade: r.grade })) },
      { label: t.dash.lesson, value: lessonName },
      { label: unit(t, t.dash.started, t.dash.head.pupils), num: true, value: (r) => r.started },
      { label: unit(t, t.dash.finished, t.dash.head.pupils), num: true, value: (r) => r.finished },
      { label: unit(t, t.dash.rate, '%'), num: true, value: (r) => pct(r.finished, r.started), cell: (r) => html`${fill(t.dash.percent, { value: pct(r.finished, r.started) })}${bar(pct(r.finished, r.started))}` },
      { label: unit(t, t.dash.stars, t.dash.head.stars), num: true, value: (r) => (r.avgStars === null ? '' : r.avgStars.toFixed(1)) },
    ],
  };
}

function hardestTable(d: Dashboard, t: CountyText): Table<HardQuestionRow> {
  return {
    id: 'hardest',
    title: t.dash.hardest,
    rows: d.hardest,
    columns: [
      { label: t.dash.question, value: (r) => r.prompt ?? r.stepId },
      { label: t.dash.lesson, value: lessonName },
      { label: unit(t, t.dash.answered, t.dash.head.pupils), num: true, value: (r) => r.pupils },
      { label: unit(t, t.dash.firstTry, '%'), num: true, value: (r) => pct(r.firstTryRight, r.pupils), cell: (r) => html`${fill(t.dash.percent, { value: pct(r.firstTryRight, r.pupils) })}${bar(pct(r.firstTryRight, r.pupils))}` },
    ],
  };
}

function weeksTable(d: Dashboard, t: CountyText): Table<WeekRow> {
  return {
    id: 'weeks',
    title: t.dash.trend,
    rows: d.weeks,
    columns: [
      { label: t.dash.week, value: (r) => r.week },
      { label: unit(t, t.dash.activePupils, t.dash.head.pupils), num: true, value: (r) => r.activePupils },
      { label: unit(t, t.dash.lessonsFinished, t.dash.head.finishes), num: true, value: (r) => r.lessonsFinished },
    ],
  };
}

/** A table ready to show: its rows as HTML or as CSV. */
export interface ShownTable {
  id: TableId;
  title: string;
  empty: boolean;
  html(): Html;
  csv(): string;
}

const shown = <R>(table: Table<R>): ShownTable => ({ id: table.id, title: table.title, empty: table.rows.length === 0, html: () => renderTable(table), csv: () => tableCsv(table) });

export function dashboardTables(d: Dashboard, lang: Language): Record<TableId, ShownTable> {
  const t = COUNTY_TEXT[lang];
  return { schools: shown(schoolsTable(d, t)), completion: shown(completionTable(d, t)), hardest: shown(hardestTable(d, t)), weeks: shown(weeksTable(d, t)) };
}

function renderTable<R>(table: Table<R>): Html {
  return html`<div class="table-wrap"><table aria-label="${table.title}"><thead><tr>${table.columns.map((c) => html`<th scope="col"${c.num ? html` class="num"` : ''}>${c.label}</th>`)}</tr></thead>
<tbody>${table.rows.map((row) => html`<tr>${table.columns.map((c) => html`<td${c.num ? html` class="num"` : ''}>${c.cell ? c.cell(row) : c.value(row)}</td>`)}</tr>`)}</tbody></table></div>`;
}

/** CSV with a BOM (Excel on Chinese Windows opens UTF-8 right) and CRLF lines, quoted as the teacher's exports are. */
function tableCsv<R>(table: Table<R>): string {
  const lines = [table.columns.map((c) => csvField(c.label)), ...table.rows.map((r) => table.columns.map((c) => csvField(c.value(r))))];
  return '\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}
