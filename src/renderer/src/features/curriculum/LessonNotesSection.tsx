import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { navigate, useLocation } from '../../lib/router';
import { plainText } from '../../../../shared/markup';
import type { InstalledPack } from '../../../../shared/contract/packs';
import type { LessonView } from '../../../../shared/contract/lessons';
import { LessonContext, LessonText, lessonLanguage, useLessonEnv } from '../player/context';
import { FamilyCardView } from '../player/FamilyCard';
import { pick } from '../packs/text';
import { curriculumLine } from './words';
import { FamilyCardPrint, PrintForm, type PrintJob } from './FamilyCardPrint';
import { NarrationSection } from './NarrationSection';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * Teacher: one lesson's page (#/teacher/lesson-notes/<packId>/<lessonId>): the teacher's notes,
 * where the lesson sits in the curriculum standard, and its family card, printed on A5 for a class.
 */
export default function LessonNotesSection() {
  const { t, i18n } = useTranslation();
  const { params } = useLocation();
  const packs = useAsync(() => api.invoke('packs.list'));
  if (packs.error) return <ErrorNotice>{errorText(t, packs.error)}</ErrorNotice>;
  if (!packs.data) return <p role="status">{t('app.loading')}</p>;
  const all = packs.data.flatMap((pack) => pack.lessons.map((lesson) => ({ pack, lesson })));
  if (all.length === 0) return <p className="card">{t('curriculum.noLessons')}</p>;
  const chosen = all.find((x) => x.pack.id === params[1] && x.lesson.id === params[2]) ?? all[0];
  if (!chosen) return null;
  const value = `${chosen.pack.id}/${chosen.lesson.id}`;
  return (
    <div className="lesson-notes-section">
      <label className="field lesson-notes-pick no-print">
        <span>{t('curriculum.lesson')}</span>
        <select value={value} onChange={(e) => navigate('teacher', 'lesson-notes', ...e.target.value.split('/'))}>
          {packs.data.map((pack) => (
            <optgroup key={pack.id} label={plainText(pick(pack.title, i18n.language))}>
              {pack.lessons.map((lesson) => (
                <option key={lesson.id} value={`${pack.id}/${lesson.id}`}>
                  {plainText(pick(lesson.title, i18n.language))}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <LessonPage key={value} pack={chosen.pack} lessonId={chosen.lesson.id} />
    </div>
  );
}

function LessonPage({ pack, lessonId }: { pack: InstalledPack; lessonId: string }) {
  const { t } = useTranslation();
  const view = useAsync(() => api.invoke('lessons.get', { packId: pack.id, lessonId }));
  if (view.error) return <ErrorNotice>{errorText(t, view.error)}</ErrorNotice>;
  if (!view.data) return <p role="status">{t('app.loading')}</p>;
  return <LessonNotes view={view.data} />;
}

function LessonNotes({ view }: { view: LessonView }) {
  const { t, i18n } = useTranslation();
  const language = lessonLanguage(view.pack.languages, i18n.language);
  // Grade 1–2 cards carry pinyin, as the pupils see them; the teacher's notes do not.
  const cardEnv = useLessonEnv(view, language, view.lesson.grades.from <= 2);
  const notesEnv = useMemo(() => ({ ...cardEnv, pinyin: false, annotate: undefined }), [cardEnv]);
  const [job, setJob] = useState<PrintJob>();
  const { lesson } = view;
  const notes = lesson.teacher;
  return (
    <LessonContext.Provider value={notesEnv}>
      {job && lesson.familyCard ? (
        <LessonContext.Provider value={cardEnv}>
          <FamilyCardPrint job={job} card={lesson.familyCard} title={lesson.title} onClose={() => setJob(undefined)} />
        </LessonContext.Provider>
      ) : (
        <div className="lesson-notes" lang={language}>
          <section className="card lesson-notes-main" aria-labelledby="notes-title">
            <h2 id="notes-title">
              <LessonText text={lesson.title} />
            </h2>
            <p className="curriculum-line" title={t('curriculum.standardName')}>
              {lesson.curriculum ? curriculumLine(t, lesson.curriculum) : t('curriculum.noMapping')}
            </p>
            <p className="muted">{t('curriculum.notes.grades', { from: lesson.grades.from, to: lesson.grades.to, minutes: lesson.minutes })}</p>
            <h3>{t('curriculum.notes.title')}</h3>
            {notes ? (
              <dl className="notes-list">
                {(['goal', 'keyMessage', 'discussion'] as const).map((key) => (
                  <div key={key}>
                    <dt>{t(`curriculum.notes.${key}`)}</dt>
                    <dd>
                      <LessonText text={notes[key]} />
                    </dd>
                  </div>
                ))}
                <div>
                  <dt>{t('curriculum.notes.plan')}</dt>
                  <dd>
                    <ol className="notes-plan">
                      {notes.plan.map((row, i) => (
                        <li key={i}>
                          <span className="notes-minutes">{t('curriculum.notes.minutes', { count: row.minutes })}</span> <LessonText text={row.activity} />
                        </li>
                      ))}
                    </ol>
                  </dd>
                </div>
              </dl>
            ) : (
              <p>{t('curriculum.notes.none')}</p>
            )}
          </section>
          <section className="card lesson-notes-card" aria-labelledby="notes-card-title">
            <h2 id="notes-card-title">{t('curriculum.card.title')}</h2>
            {lesson.familyCard ? (
              <>
                <p className="hint">{t('curriculum.card.body')}</p>
                <LessonContext.Provider value={cardEnv}>
                  <FamilyCardView card={lesson.familyCard} headingId="notes-card-preview" heading="h3" listen />
                </LessonContext.Provider>
                <PrintForm onPrint={setJob} />
              </>
            ) : (
              <p>{t('curriculum.card.none')}</p>
            )}
          </section>
          <NarrationSection view={view} initialLanguage={language} />
        </div>
      )}
    </LessonContext.Provider>
  );
}
