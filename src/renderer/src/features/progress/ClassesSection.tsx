import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAsync } from '../../app/useAsync';
import { errorText } from '../../app/errors';
import { PICTURES, type Avatar } from '../../../../shared/avatars';
import type { ClassInfo, ImportPreview, PupilBrief } from '../../../../shared/contract/progress';
import { AvatarArt, PictureArt } from '../pupils/avatars';
import { AvatarChoice } from '../pupils/AvatarChoice';
import { PicturePasswordPanel } from './PicturePasswordPanel';
import { fileToBase64 } from './files';

type Message = { ok: boolean; text: string } | undefined;

function Notice({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p role={message.ok ? 'status' : 'alert'} className={`notice ${message.ok ? 'ok' : 'error'}`}>
      {message.text}
    </p>
  );
}

/** Teacher: classes and pupils, avatars, picture passwords, a class list from a CSV file, resets. */
export default function ClassesSection() {
  const { t } = useTranslation();
  const classes = useAsync(() => api.invoke('classes.list'));
  const [selectedId, setSelectedId] = useState<string>();
  const list = classes.data ?? [];
  const selected = list.find((c) => c.id === selectedId) ?? list[0];

  return (
    <div className="classes-layout">
      <section className="card" aria-labelledby="classes-title">
        <h2 id="classes-title">{t('classes.title')}</h2>
        {list.length === 0 && classes.data && <p>{t('classes.none')}</p>}
        <ul className="class-list">
          {list.map((c) => (
            <li key={c.id}>
              <button type="button" className={`class-row${c === selected ? ' active' : ''}`} aria-pressed={c === selected} onClick={() => setSelectedId(c.id)}>
                <span>{c.name}</span>
                <span className="muted">{t('signin.pupilCount', { count: c.pupils.length })}</span>
              </button>
            </li>
          ))}
        </ul>
        <NewClassForm onDone={(id) => (setSelectedId(id), classes.reload())} />
      </section>
      <div className="classes-main">
        {selected && <ClassDetail key={selected.id} cls={selected} onChange={classes.reload} />}
        <ImportCard target={selected} onDone={classes.reload} />
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

function GradeSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t('classes.grade')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('classes.noGrade')}</option>
        {[1, 2, 3, 4, 5, 6].map((g) => (
          <option key={g} value={g}>
            {t('classes.gradeN', { grade: g })}
          </option>
        ))}
      </select>
    </label>
  );
}

function ClassDetail({ cls, onChange }: { cls: ClassInfo; onChange: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(cls.name);
  const [grade, setGrade] = useState(cls.grade ? String(cls.grade) : '');
  const [newPupil, setNewPupil] = useState('');
  const [editing, setEditing] = useState<string>();
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
                <button type="button" className="secondary" aria-label={t('classes.editPupil', { name: p.name })} onClick={() => setEditing(p.id)}>
                  {t('classes.edit')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => (e.preventDefault(), void run(() => api.invoke('pupils.add', { classId: cls.id, name: newPupil }).then(() => setNewPupil(''))))}>
        <label className="field">
          <span>{t('classes.pupilName')}</span>
          <input value={newPupil} maxLength={20} required onChange={(e) => setNewPupil(e.target.value)} />
        </label>
        <button className="secondary" type="submit">
          {t('classes.addPupil')}
        </button>
      </form>
    </section>
  );
}

function PupilEditor({ pupil, classmates, onClose, onChange }: { pupil: PupilBrief; classmates: PupilBrief[]; onClose: () => void; onChange: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(pupil.name);
  const [avatar, setAvatar] = useState<Avatar>(pupil.avatar);
  const [pictures, setPictures] = useState<string[] | null | undefined>(undefined);
  const [confirming, setConfirming] = useState<'reset' | 'remove'>();
  const [message, setMessage] = useState<Message>();
  const act = async (action: () => Promise<unknown>, ok: string, close = false) => {
    try {
      await action();
      setMessage({ ok: true, text: ok });
      setConfirming(undefined);
      onChange();
      if (close) onClose();
    } catch (error) {
      setMessage({ ok: false, text: errorText(t, error) });
    }
  };
  const save = () =>
    act(
      () => api.invoke('pupils.update', { pupilId: pupil.id, name, avatar, ...(pictures === undefined ? {} : { picturePassword: pictures as never }) }),
      t('classes.saved'),
      true,
    );
  return (
    <div className="pupil-editor" role="group" aria-label={pupil.name}>
      <label className="field">
        <span>{t('classes.pupilName')}</span>
        <input value={name} maxLength={20} onChange={(e) => setName(e.target.value)} />
      </label>
      <AvatarChoice value={avatar} onChange={setAvatar} classmates={classmates.filter((p) => p.id !== pupil.id)} />
      <fieldset className="avatar-choice">
        <legend>{t('classes.pictures')}</legend>
        <p className="muted">{pictures === undefined ? (pupil.hasPicturePassword ? t('classes.picturesSet') : t('classes.picturesNone')) : pictures === null ? t('classes.picturesWillClear') : t('classes.picturesPicked', { count: pictures.length })}</p>
        {PICTURES.map((p) => (
          <button key={p} type="button" className="avatar-button" aria-label={t(`pictures.${p}`)} disabled={Array.isArray(pictures) && pictures.length >= 3} onClick={() => setPictures([...(pictures ?? []), p])}>
            <PictureArt picture={p} size={40} />
          </button>
        ))}
        <button type="button" className="secondary" onClick={() => setPictures(null)}>
          {t('classes.picturesClear')}
        </button>
      </fieldset>
      <PicturePasswordPanel pupil={pupil} onChange={onChange} />
      <Notice message={message} />
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void save()} disabled={Array.isArray(pictures) && pictures.length !== 3}>
          {t('classes.save')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('classes.cancel')}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming('reset')}>
          {t('classes.reset')}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming('remove')}>
          {t('classes.removePupil')}
        </button>
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby={`confirm-${pupil.id}`}>
          <p id={`confirm-${pupil.id}`}>{t(confirming === 'reset' ? 'classes.confirmReset' : 'classes.confirmRemove', { name: pupil.name })}</p>
          <div className="button-row">
            <button
              type="button"
              className="primary"
              onClick={() =>
                void (confirming === 'reset'
                  ? act(() => api.invoke('progress.resetPupil', { pupilId: pupil.id }), t('classes.resetDone', { name: pupil.name }))
                  : act(() => api.invoke('pupils.remove', { pupilId: pupil.id }), t('classes.removed'), true))
              }
            >
              {t(confirming === 'reset' ? 'classes.confirmResetYes' : 'classes.confirmRemoveYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(undefined)}>
              {t('classes.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function ImportCard({ target, onDone }: { target?: ClassInfo; onDone: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<string>();
  const [preview, setPreview] = useState<ImportPreview>();
  const [intoSelected, setIntoSelected] = useState(true);
  const [message, setMessage] = useState<Message>();
  const classId = intoSelected ? target?.id : undefined;

  const load = async (picked: File | undefined) => {
    setPreview(undefined);
    setMessage(undefined);
    if (!picked) return;
    try {
      const base64 = await fileToBase64(picked);
      setFile(base64);
      setPreview(await api.invoke('classes.importPreview', { classId, fileBase64: base64 }));
    } catch (error) {
      setMessage({ ok: false, text: errorText(t, error) });
    }
  };
  const commit = async () => {
    if (!file) return;
    try {
      const done = await api.invoke('classes.importCommit', { classId, fileBase64: file });
      setMessage({ ok: true, text: t('classes.import.done', { count: done.newPupils }) });
      setPreview(undefined);
      setFile(undefined);
      onDone();
    } catch (error) {
      setMessage({ ok: false, text: errorText(t, error) });
    }
  };

  return (
    <section className="card import-card" aria-labelledby="import-title">
      <h2 id="import-title">{t('classes.import.title')}</h2>
      <p className="muted">{t('classes.import.help')}</p>
      {target && (
        <label className="check">
          <input type="checkbox" checked={intoSelected} onChange={(e) => setIntoSelected(e.target.checked)} />
          <span>{t('classes.import.into', { name: target.name })}</span>
        </label>
      )}
      <label className="field file-field">
        <span>{t('classes.import.pick')}</span>
        <input type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void load(e.target.files?.[0])} />
      </label>
      <Notice message={message} />
      {preview && (
        <>
          <p role="status">
            {t(`classes.import.encoding.${preview.encoding}`)} {t('classes.import.summary', { count: preview.newPupils, errors: preview.errors })}
            {preview.newClasses.length > 0 && ` ${t('classes.import.newClasses', { names: preview.newClasses.join('、') })}`}
          </p>
          <table className="preview-table">
            <thead>
              <tr>
                <th scope="col">{t('classes.import.line')}</th>
                <th scope="col">{t('classes.pupilName')}</th>
                <th scope="col">{t('classes.className')}</th>
                <th scope="col">{t('classes.import.status')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.lines.map((l) => (
                <tr key={l.line} className={`line-${l.status}`}>
                  <td>{l.line}</td>
                  <td>{l.name}</td>
                  <td>{l.className}</td>
                  <td>{l.problem ? t(`classes.import.problems.${l.problem}`) : t(`classes.import.states.${l.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="primary" disabled={preview.errors > 0 || preview.newPupils === 0} onClick={() => void commit()}>
            {t('classes.import.commit', { count: preview.newPupils })}
          </button>
        </>
      )}
    </section>
  );
}
