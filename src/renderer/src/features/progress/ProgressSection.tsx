import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync, useReloadOnChange } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { hrefFor, useLocation } from '../../lib/router';
import type { ClassGrid, GridCell, TimelinePoint } from '../../../../shared/contract/progress';
import type { ClassInfo } from '../../../../shared/contract/roster';
import { AvatarArt } from '../pupils/avatars';
import { download } from './files';
import { PupilPage } from './PupilPage';
import { lessonLabel, Legend, StatusCell } from './cells';
import { Certificates } from './Certificates';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ClassSelect } from '../../components/ClassSelect';

/** Teacher: the class at a glance (pupils × lessons), progress over time, CSV and certificates. */
export default function ProgressSection() {
  const { t } = useTranslation();
  const { params } = useLocation();
  const classes = useAsync(() => api.invoke('classes.list'));
  const [classId, setClassId] = useState<string>();
  if (params[1] === 'pupil' && params[2]) return <PupilPage pupilId={params[2]} />;
  const list = classes.data ?? [];
  const cls = list.find((c) => c.id === classId) ?? list[0];

  return (
    <div className="progress-section">
      {classes.data && list.length === 0 && <p className="card">{t('progress.noClasses')}</p>}
      {list.length > 0 && (
        <ClassSelect className="field class-select no-print" label={t('progress.class')} classes={list} value={cls?.id} onChange={setClassId} />
      )}
      {cls && <ClassReport key={cls.id} cls={cls} />}
    </div>
  );
}

/** Answers pushed from the room's pupil PCs (on the hub) show in the grid as they arrive: one reload at most every 0.5 s. */
function useReloadOnProgress(cls: ClassInfo, reload: () => void) {
  useEffect(() => {
    const mine = new Set(cls.pupils.map((p) => p.id));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('progress.changed', ({ pupilIds }) => {
      if (timer !== undefined || !pupilIds.some((id) => mine.has(id))) return;
      timer = setTimeout(() => {
        timer = undefined;
        reload();
      }, 500);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [cls, reload]);
}

function ClassReport({ cls }: { cls: ClassInfo }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const data = useAsync(() => Promise.all([api.invoke('progress.grid', { classId: cls.id, lang: language }), api.invoke('progress.timeline', { classId: cls.id })]));
  useReloadOnProgress(cls, data.reload);
  useReloadOnChange(language, data.reload);
  const [printing, setPrinting] = useState(false);
  const [grid, timeline] = data.data ?? [];
  const exportCsv = async () => {
    const file = await api.invoke('progress.exportCsv', { classId: cls.id, lang: language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    download(file.fileName, file.text, 'text/csv;charset=utf-8');
  };
  if (!grid || !timeline) return data.error ? <ErrorNotice>{errorText(t, data.error)}</ErrorNotice> : <p role="status">{t('app.loading')}</p>;
  if (printing) return <Certificates grid={grid} className={cls.name} onClose={() => setPrinting(false)} />;
  return (
    <>
      <section className="card" aria-labelledby="grid-title">
        <div className="card-top">
          <h2 id="grid-title">{t('progress.gridTitle', { name: cls.name })}</h2>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => void exportCsv()}>
              {t('progress.exportCsv')}
            </button>
            <button type="button" className="secondary" onClick={() => setPrinting(true)}>
              {t('progress.certificates')}
            </button>
          </div>
        </div>
        {grid.lessons.length === 0 ? <p>{t('progress.noProgress')}</p> : <Grid grid={grid} />}
      </section>
      <section className="card" aria-labelledby="plot-title">
        <h2 id="plot-title">{t('progress.plotTitle')}</h2>
        {timeline.length === 0 ? <p>{t('progress.noProgress')}</p> : <TimelinePlot points={timeline} pupils={cls.pupils.length} />}
      </section>
    </>
  );
}

/** The packs among the grid's lessons, in order, for the filter. */
function packsOf(grid: ClassGrid): { id: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const l of grid.lessons) if (!seen.has(l.packId)) seen.set(l.packId, l.packTitle ?? l.packId);
  return [...seen].map(([id, title]) => ({ id, title }));
}

function Grid({ grid }: { grid: ClassGrid }) {
  const { t } = useTranslation();
  const [packId, setPackId] = useState('');
  const packs = packsOf(grid);
  const shown = grid.lessons.map((l, j) => ({ l, j })).filter(({ l }) => !packId || l.packId === packId);
  return (
    <>
      <div className="grid-tools">
        <Legend />
        {packs.length > 1 && (
          <label className="field pack-filter no-print">
            <span>{t('progress.packFilter')}</span>
            <select value={packId} onChange={(e) => setPackId(e.target.value)}>
              <option value="">{t('progress.allPacks', { n: packs.length })}</option>
              {packs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="grid-scroll" tabIndex={0} role="region" aria-label={t('progress.gridLabel')}>
        <table className="progress-grid">
          <thead>
            <tr>
              <th scope="col">{t('progress.pupil')}</th>
              {shown.map(({ l }) => (
                <th scope="col" key={`${l.packId}/${l.lessonId}`} className="lesson-head">
                  {lessonLabel(l)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.pupils.map((p, i) => (
              <tr key={p.id}>
                <th scope="row">
                  <a className="pupil-link" href={hrefFor('teacher', 'progress', 'pupil', p.id)}>
                    <AvatarArt avatar={p.avatar} size={32} />
                    {p.name}
                  </a>
                </th>
                {shown.map(({ l, j }) => (
                  <td key={`${l.packId}/${l.lessonId}`}>
                    <StatusCell cell={grid.cells[i]?.[j] as GridCell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('progress.average')}</th>
              {shown.map(({ l, j }) => {
                const a = grid.averages[j] as ClassGrid['averages'][number];
                return (
                  <td key={`${l.packId}/${l.lessonId}`} className="average">
                    {t('progress.averageCell', { done: Math.round(a.done * 100), score: a.meanScore ?? '–' })}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}

/** Lessons finished by the class over time, as a simple step plot drawn here (no chart library). */
function TimelinePlot({ points, pupils }: { points: TimelinePoint[]; pupils: number }) {
  const { t } = useTranslation();
  const W = 640;
  const H = 220;
  const pad = { l: 44, r: 16, t: 16, b: 36 };
  const max = Math.max(1, ...points.map((p) => p.lessonsDone));
  const x = (i: number) => pad.l + (points.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => H - pad.b - (v * (H - pad.t - pad.b)) / max;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.lessonsDone).toFixed(1)}`).join(' ');
  const last = points.at(-1) as TimelinePoint;
  const summary = t('progress.plotSummary', { lessons: last.lessonsDone, pupils: last.pupilsActive, total: pupils, date: last.date });
  return (
    <figure className="plot">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="#5a5a73" />
        <line x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} stroke="#5a5a73" />
        <text x={pad.l - 8} y={y(max) + 5} textAnchor="end" fontSize="13">{max}</text>
        <text x={pad.l - 8} y={H - pad.b + 5} textAnchor="end" fontSize="13">0</text>
        <path d={path} fill="none" stroke="#1f8a8a" strokeWidth="3" />
        {points.map((p, i) => (
          <circle key={p.date} cx={x(i)} cy={y(p.lessonsDone)} r="5" fill="#e4572e" />
        ))}
        <text x={x(0)} y={H - 10} textAnchor="middle" fontSize="13">{points[0]?.date}</text>
        {points.length > 1 && <text x={x(points.length - 1)} y={H - 10} textAnchor="middle" fontSize="13">{last.date}</text>}
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
