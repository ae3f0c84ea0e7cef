import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import type { PicturePasswordInfo, PupilBrief } from '../../../../shared/contract/roster';
import { PictureArt } from '../pupils/avatars';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * For the teacher only (the console is behind the PIN): the pupil's three pictures, hidden until
 * asked for, so the teacher can tell a child who forgot them. Passwords set before the pictures
 * were kept cannot be shown: then "make a new one and show it".
 */
export function PicturePasswordPanel({ pupil, onChange }: { pupil: PupilBrief; onChange: () => void }) {
  const { t } = useTranslation();
  const [info, setInfo] = useState<PicturePasswordInfo>();
  const [fresh, setFresh] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (method: 'pupils.picturePassword' | 'pupils.newPicturePassword') => {
    setError(undefined);
    try {
      setInfo(await api.invoke(method, { pupilId: pupil.id }));
      setFresh(method === 'pupils.newPicturePassword');
      if (method === 'pupils.newPicturePassword') onChange();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <div className="picture-reveal">
      {info ? (
        <button type="button" className="secondary" onClick={() => (setInfo(undefined), setFresh(false))}>
          {t('classes.picturesHide')}
        </button>
      ) : (
        pupil.hasPicturePassword && (
          <button type="button" className="secondary" onClick={() => void run('pupils.picturePassword')}>
            {t('classes.picturesShow')}
          </button>
        )
      )}
      <button type="button" className="secondary" onClick={() => void run('pupils.newPicturePassword')}>
        {t('classes.picturesNew')}
      </button>
      {info?.pictures && (
        <div className="picture-reveal-list" role="status">
          <p>{fresh ? t('classes.picturesNewDone', { name: pupil.name }) : t('classes.picturesAre', { name: pupil.name })}</p>
          <ol aria-label={t('classes.picturesAre', { name: pupil.name })}>
            {info.pictures.map((p, i) => (
              <li key={i}>
                <PictureArt picture={p} size={56} />
                <span>{t(`pictures.${p}`)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {info && !info.pictures && <p className="muted">{t('classes.picturesUnknown')}</p>}
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </div>
  );
}
