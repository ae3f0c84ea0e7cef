import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useApp } from '../../lib/store';
import { useAsync } from '../../lib/useAsync';
import { navigate } from '../../lib/router';
import { errorText } from '../../lib/errors';
import { RichText } from '../../components/RichText';
import { SpeakButton } from '../../components/SpeakButton';
import { usePinyin } from '../../lib/pinyin';
import { PICTURES } from '../../../../shared/avatars';
import type { ClassInfo, PupilBrief } from '../../../../shared/contract/roster';
import { KiteError } from '../../../../shared/errors';
import { AvatarArt, PictureArt } from './avatars';
import { usePupil } from './store';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The pupil's first screen: pick your class, tap your picture and name, then the pictures if you have them. */
export function SignInScreen() {
  const { t, i18n } = useTranslation();
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true);
  const settings = useApp((s) => s.settings);
  const setPupil = usePupil((s) => s.set);
  const roster = useAsync(() => api.invoke('pupils.roster'));
  const [classId, setClassId] = useState<string>();
  const [withPictures, setWithPictures] = useState<PupilBrief>();
  const [error, setError] = useState<string>();
  const classes = roster.data ?? [];
  const chosen: ClassInfo | undefined = classes.length === 1 ? classes[0] : classes.find((c) => c.id === classId);
  const place = settings && [settings.schoolName, settings.classroomName].filter(Boolean).join(' · ');

  const signIn = async (pupil: PupilBrief, pictures?: string[]) => {
    setError(undefined);
    try {
      setPupil(await api.invoke('pupils.signIn', { pupilId: pupil.id, pictures }));
      navigate('home');
    } catch (e) {
      if (e instanceof KiteError && e.code === 'picture_wrong' && e.details?.needed) setWithPictures(pupil);
      else setError(errorText(t, e));
    }
  };
  const guest = async () => setPupil(await api.invoke('pupils.signInGuest'));

  if (withPictures) {
    return <PicturePassword pupil={withPictures} error={error} onBack={() => (setWithPictures(undefined), setError(undefined))} onDone={(p) => void signIn(withPictures, p)} />;
  }

  return (
    <div className="signin">
      <section className="greeting" aria-labelledby="signin-title">
        <h1 id="signin-title">
          <RichText text={t(chosen ? 'signin.whoAreYou' : 'signin.pickClass')} showRuby={showRuby} />
        </h1>
        <SpeakButton text={t(chosen ? 'signin.whoAreYou' : 'signin.pickClass')} lang={i18n.language} />
        {place && <p className="place">{place}</p>}
      </section>

      {roster.error && <ErrorNotice>{t('app.offline')}</ErrorNotice>}
      {error && <ErrorNotice>{error}</ErrorNotice>}

      {roster.data && classes.length === 0 && (
        <div className="empty-state">
          <div>
            <h2>{t('signin.noClassesTitle')}</h2>
            <p>{t('signin.noClassesBody')}</p>
          </div>
        </div>
      )}

      {!chosen && classes.length > 1 && (
        <ul className="class-picker" aria-label={t('signin.classes')}>
          {classes.map((c) => (
            <li key={c.id}>
              <button type="button" className="class-card" onClick={() => setClassId(c.id)}>
                <span className="class-name">{c.name}</span>
                <span className="class-count">{t('signin.pupilCount', { count: c.pupils.length })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {chosen && (
        <>
          {classes.length > 1 && (
            <button type="button" className="back-link as-button" onClick={() => setClassId(undefined)}>
              {t('signin.otherClass')} · {chosen.name}
            </button>
          )}
          <ul className="pupil-picker" aria-label={chosen.name}>
            {chosen.pupils.map((p) => (
              <li key={p.id}>
                <button type="button" className="pupil-card" onClick={() => void signIn(p)}>
                  <AvatarArt avatar={p.avatar} size={72} />
                  <span className="pupil-name">{p.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      <div className="guest-row">
        <button type="button" className="secondary" onClick={() => void guest()}>
          {t('signin.guest')}
        </button>
        <span className="guest-note">{t('signin.guestNote')}</span>
      </div>
    </div>
  );
}

function PicturePassword({ pupil, error, onBack, onDone }: { pupil: PupilBrief; error?: string; onBack: () => void; onDone: (pictures: string[]) => void }) {
  const { t, i18n } = useTranslation();
  // A child who reads little hears the prompt and the error, and sees their pinyin.
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true) && i18n.language.startsWith('zh');
  const annotate = usePinyin(showRuby);
  const prompt = t('signin.picturesTitle', { name: pupil.name });
  const [picked, setPicked] = useState<string[]>([]);
  const pick = (p: string) => {
    const next = [...picked, p];
    if (next.length === 3) {
      setPicked([]);
      onDone(next);
    } else setPicked(next);
  };
  return (
    <div className="signin">
      <section className="greeting">
        <AvatarArt avatar={pupil.avatar} size={72} />
        <h1>
          <RichText text={prompt} showRuby={showRuby} annotate={annotate} />
        </h1>
        <SpeakButton text={prompt} lang={i18n.language} />
      </section>
      <p className="picture-slots" aria-label={t('signin.picked', { count: picked.length })}>
        {[0, 1, 2].map((i) => (
          <span key={i} className="picture-slot">
            {picked[i] ? <PictureArt picture={picked[i]} size={44} /> : null}
          </span>
        ))}
      </p>
      {error && (
        <ErrorNotice>
          <RichText text={error} showRuby={showRuby} annotate={annotate} /> <SpeakButton text={error} lang={i18n.language} autoplay={useApp.getState().settings?.autoplayNarration} />
        </ErrorNotice>
      )}
      <ul className="picture-grid">
        {PICTURES.map((p) => (
          <li key={p}>
            <button type="button" className="picture-button" aria-label={t(`pictures.${p}`)} onClick={() => pick(p)}>
              <PictureArt picture={p} />
            </button>
          </li>
        ))}
      </ul>
      <div className="guest-row">
        <button type="button" className="secondary" onClick={() => setPicked([])} disabled={picked.length === 0}>
          {t('signin.clear')}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          {t('signin.back')}
        </button>
      </div>
    </div>
  );
}
