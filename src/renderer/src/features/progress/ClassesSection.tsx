import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../lib/useAsync';
import { errorText } from '../../lib/errors';
import { Notice, type Message } from '../../components/Notice';
import { ClassDetail } from './ClassDetail';
import { GradeSelect } from './GradeSelect';
import type { ImportPreview } from '../../../../shared/contract/roster';
import { RosterImport } from './RosterImport';
import { SkippedLines } from './RosterPreview';

/**
 * Teacher: classes and pupils, avatars, picture passwords, a class list from a CSV file, resets.
 * On a pupil PC the roster is the hub's: shown read-only, with a sentence saying where it is managed.
 */
export default function ClassesSection() {
  const { t } = useTranslation();
  const classes = useAsync(() => api.invoke('classes.list'));
  const room = useAsync(() => api.invoke('room.status'));
  const fromHub = room.data?.role === 'pupil-pc';
  const [selectedId, setSelectedId] = useState<string>();
  const [firstImport, setFirstImport] = useState<ImportPreview>();
  const list = classes.data ?? [];
  const selected = list.find((c) => c.id === selectedId) ?? list[0];

  return (
    <div className="classes-layout">
      <section className="card" aria-labelledby="classes-title">
        <h2 id="classes-title">{t('classes.title')}</h2>
        {fromHub && (
          <p role="note" className="notice">
            {t('classes.fromHub')}
          </p>
        )}
        {list.length === 0 && classes.data && !fromHub && <p>{t('classes.none')}</p>}
        <ul className="class-list">
          {list.map((c) => (
            <li key={c.id}>
              <button type="button" className={`class-row${c === selected ? ' active' : ''}`} aria-pressed={c === selected} onClick={() => (setSelectedId(c.id), setFirstImport(undefined))}>
                <span>{c.name}</span>
                <span className="muted">{t('signin.pupilCount', { count: c.pupils.length })}</span>
              </button>
            </li>
          ))}
        </ul>
        {room.data && !fromHub && <NewClassForm onDone={(id) => (setSelectedId(id), classes.reload())} />}
      </section>
      <div className="classes-main">
        {firstImport && selected && (
          <div className="roster-import-result">
            <p role="status" className="notice ok">
              {t('classes.import.done', { count: firstImport.newPupils })}
            </p>
            <SkippedLines lines={firstImport.lines} />
          </div>
        )}
        {selected && <ClassDetail key={selected.id} cls={selected} onChange={classes.reload} readOnly={fromHub} />}
        {!selected && classes.data && room.data && !fromHub && (
          <section className="card">
            {/* The first list makes the classes; what it did stays in view when they appear. */}
            <RosterImport onDone={(result) => (setFirstImport(result), classes.reload())} />
          </section>
        )}
      </div>
    </div>
  );
}

function NewClassForm({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [grade, setGrade] = useState('');
  const [message, setMessage] = useState<Message>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const made = await api.invoke('classes.create', { name, grade: grade ? Number(grade) : null });
      setName('');
      setMessage(undefined);
      onDone(made.id);
    } catch (error) {
      setMessage({ ok: false, text: errorText(t, error) });
    }
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <h3>{t('classes.newClass')}</h3>
      <label className="field">
        <span>{t('classes.className')}</span>
        <input value={name} maxLength={30} required onChange={(e) => setName(e.target.value)} />
      </label>
      <GradeSelect value={grade} onChange={setGrade} />
      <Notice message={message} />
      <button className="secondary" type="submit">
        {t('classes.create')}
      </button>
    </form>
  );
}
