import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { Notice, type Message } from '../../components/Notice';
import { PICTURES, type Avatar } from '../../../../shared/avatars';
import type { PupilBrief } from '../../../../shared/contract/roster';
import { PictureArt } from '../pupils/avatars';
import { AvatarChoice } from '../pupils/AvatarChoice';
import { PicturePasswordPanel } from './PicturePasswordPanel';

/** Teacher: one pupil's name, avatar and picture password; reset their progress or remove them. */
export function PupilEditor({ pupil, classmates, onClose, onChange }: { pupil: PupilBrief; classmates: PupilBrief[]; onClose: () => void; onChange: () => void }) {
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
