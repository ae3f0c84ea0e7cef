import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { Notice, type Message } from '../../components/Notice';
import type { ClassInfo } from '../../../../shared/contract/roster';
import { AvatarArt } from '../pupils/avatars';
import { GradeSelect } from './GradeSelect';
import { PupilEditor } from './PupilEditor';
import { RosterImport } from './RosterImport';

/**
 * Teacher: one class. Adding pupils (one by one or from a list file) sits at the top, above the pupils.
 * readOnly (a pupil PC, whose roster comes from the hub): the class and its pupils, with nothing to change.
 */
export function ClassDetail({ cls, onChange, readOnly = false }: { cls: ClassInfo; onChange: () => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState(cls.name);
  const [grade, setGrade] = useState(cls.grade ? String(cls.grade) : '');
  const [newPupil, setNewPupil] = useState('');
  const [editing, setEditing] = useState<string>();
  const [importing, setImporting] = useState(false);
  const [message, setMessage] = useState<Message>();
  const run = async (action: () => Promise<unknown>, ok?: string) => {
    try {
      await action();
      setMessage(ok ? { ok: true, text: ok } : undefined);
      onChange();
    } catch (error) {
      setMessage({ ok: false, text: errorText(t, error) });
    }
  };
  return (
    <section className="card class-detail" aria-labelledby="class-detail-title">
      <h2 id="class-detail-title">{cls.name}</h2>
      {readOnly ? (
        <p>{cls.grade ? t('classes.gradeN', { grade: cls.grade }) : `${t('classes.grade')}: ${t('classes.noGrade')}`}</p>
      ) : (
        editForms()
      )}
      {importing && <RosterImport target={cls} onDone={() => onChange()} onClose={() => setImporting(false)} />}
      <Notice message={message} />
      <h3>{t('classes.pupils')}</h3>
      <ul className="pupil-rows">
        {cls.pupils.map((p) => (
          <li key={p.id}>
            {editing === p.id ? (
              <PupilEditor pupil={p} classmates={cls.pupils} onClose={() => setEditing(undefined)} onChange={onChange} />
            ) : (
              <div className="pupil-row">
                <AvatarArt avatar={p.avatar} size={48} />
                <span className="pupil-name">{p.name}</span>
                {p.hasPicturePassword && <span className="muted">{t('classes.hasPictures')}</span>}
                {!readOnly && (
                  <button type="button" className="secondary" aria-label={t('classes.editPupil', { name: p.name })} onClick={() => setEditing(p.id)}>
                    {t('classes.edit')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );

  /** The class's name and grade, adding pupils and importing a list (a plain function, so the inputs keep focus). */
  function editForms() {
    return (
    <>
      <form className="inline-form" onSubmit={(e) => (e.preventDefault(), void run(() => api.invoke('classes.update', { classId: cls.id, name, grade: grade ? Number(grade) : null }), t('classes.saved')))}>
        <label className="field">
          <span>{t('classes.className')}</span>
          <input value={name} maxLength={30} required onChange={(e) => setName(e.target.value)} />
        </label>
        <GradeSelect value={grade} onChange={setGrade} />
        <button className="secondary" type="submit">
          {t('classes.save')}
        </button>
        {cls.pupils.length === 0 && (
          <button className="secondary" type="button" onClick={() => void run(() => api.invoke('classes.remove', { classId: cls.id }))}>
            {t('classes.removeClass')}
          </button>
        )}
      </form>
      <div className="class-toolbar">
        <form className="inline-form" onSubmit={(e) => (e.preventDefault(), void run(() => api.invoke('pupils.add', { classId: cls.id, name: newPupil }).then(() => setNewPupil(''))))}>
          <label className="field">
            <span>{t('classes.pupilName')}</span>
            <input value={newPupil} maxLength={20} required onChange={(e) => setNewPupil(e.target.value)} />
          </label>
          <button className="secondary" type="submit">
            {t('classes.addPupil')}
          </button>
        </form>
        <button type="button" className="secondary" aria-expanded={importing} onClick={() => setImporting(!importing)}>
          {t('classes.import.open')}
        </button>
      </div>
    </>
    );
  }
}
