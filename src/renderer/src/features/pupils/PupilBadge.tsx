import { useTranslation } from 'react-i18next';
import { usePupil } from './store';
import { AvatarArt } from './avatars';

/** In the header: who is learning, and the way out (back to the sign-in screen). */
export function PupilBadge() {
  const { t } = useTranslation();
  const { session, signOut } = usePupil();
  if (!session || session.mode === 'none') return null;
  return (
    <div className="pupil-badge">
      {session.mode === 'pupil' && session.pupil ? (
        <span className="pupil-who">
          <AvatarArt avatar={session.pupil.avatar} size={40} />
          <span>{session.pupil.name}</span>
        </span>
      ) : (
        <span className="pupil-who guest" title={t('pupil.guestNote')}>
          {t('pupil.guest')}
        </span>
      )}
      <button type="button" className="chip" onClick={() => void signOut()}>
        {t('pupil.signOut')}
      </button>
    </div>
  );
}
