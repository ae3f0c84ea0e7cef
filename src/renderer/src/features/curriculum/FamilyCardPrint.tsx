import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApp } from '../../lib/store';
import { useAsync } from '../../lib/useAsync';
import type { FamilyCard, LocalizedText } from '../../../../shared/pack';
import { KiteLogo } from '../../components/icons';
import { LessonText } from '../player/context';
import { FamilyCardView } from '../player/FamilyCard';
import { ClassSelect } from '../../components/ClassSelect';

/** What to print: one card per pupil of a class (with the name), or blank copies. */
export type PrintJob = { className: string; names: string[] } | { copies: number };

const MAX_COPIES = 60;

/** The teacher's choice: a class (one named card per pupil) or a number of blank cards. */
export function PrintForm({ onPrint }: { onPrint: (job: PrintJob) => void }) {
  const { t } = useTranslation();
  const classes = useAsync(() => api.invoke('classes.list'));
  const list = classes.data ?? [];
  const [mode, setMode] = useState<'class' | 'copies'>();
  const [classId, setClassId] = useState<string>();
  const [copies, setCopies] = useState(30);
  const chosenMode = mode ?? (list.length ? 'class' : 'copies');
  const cls = list.find((c) => c.id === classId) ?? list[0];
  const empty = chosenMode === 'class' && (!cls || cls.pupils.length === 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosenMode === 'copies') onPrint({ copies: Math.min(MAX_COPIES, Math.max(1, Math.round(copies) || 1)) });
    else if (cls && cls.pupils.length) onPrint({ className: cls.name, names: cls.pupils.map((p) => p.name) });
  };
  return (
    <form className="family-print-form" onSubmit={submit}>
      {classes.data && list.length === 0 && <p className="hint">{t('curriculum.print.noClasses')}</p>}
      {list.length > 0 && (
        <>
          <label className="check">
            <input type="radio" name="family-print-mode" checked={chosenMode === 'class'} onChange={() => setMode('class')} />
            {t('curriculum.print.perPupil')}
          </label>
          <ClassSelect label={t('curriculum.print.class')} classes={list} value={cls?.id} disabled={chosenMode !== 'class'} onChange={setClassId} />
          <label className="check">
            <input type="radio" name="family-print-mode" checked={chosenMode === 'copies'} onChange={() => setMode('copies')} />
            {t('curriculum.print.copies')}
          </label>
        </>
      )}
      <label className="field">
        <span>{t('curriculum.print.count')}</span>
        <input type="number" min={1} max={MAX_COPIES} value={copies} disabled={chosenMode !== 'copies'} onChange={(e) => setCopies(Number(e.target.value))} />
      </label>
      {empty && classes.data && <p className="notice warn">{t('curriculum.print.emptyClass')}</p>}
      <button type="submit" className="primary" disabled={empty}>
        {t('curriculum.print.open')}
      </button>
    </form>
  );
}

/** The cards to print: one A5 page each (print CSS: @page family-card { size: A5 }). */
export function FamilyCardPrint({ job, card, title, onClose }: { job: PrintJob; card: FamilyCard; title: LocalizedText; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const school = useApp((s) => s.settings?.schoolName ?? '');
  const today = new Date().toLocaleDateString(i18n.language, { year: 'numeric', month: 'long', day: 'numeric' });
  const names: (string | undefined)[] = 'names' in job ? job.names : Array.from({ length: job.copies }, () => undefined);
  // The cards replace the form: start at the top, where the Print button is.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, []);
  return (
    <div className="family-print-view">
      <div className="button-row no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('curriculum.print.print')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('curriculum.print.back')}
        </button>
        <span className="muted" role="status">
          {t('curriculum.print.ready', { count: names.length })}
        </span>
      </div>
      <div className="family-print">
        {names.map((name, i) => (
          <article key={i} className="family-print-page" aria-label={name ? t('curriculum.print.cardFor', { name }) : t('curriculum.print.cardNumber', { n: i + 1 })}>
            <header className="family-print-head">
              <KiteLogo size={40} />
              <span className="family-print-lesson">
                <LessonText text={title} />
              </span>
            </header>
            <p className="family-print-name">{name ? t('curriculum.print.name', { name }) : t('curriculum.print.nameBlank')}</p>
            <FamilyCardView card={card} headingId={`family-print-${i}`} />
            <footer className="family-print-foot">
              <span>{t('curriculum.print.signature')}</span>
              <span>{['className' in job ? job.className : '', school, today].filter(Boolean).join(' · ')}</span>
            </footer>
          </article>
        ))}
      </div>
    </div>
  );
}
