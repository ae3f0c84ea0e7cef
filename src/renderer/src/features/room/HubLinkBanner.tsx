import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { SpeakButton } from '../../components/SpeakButton';
import { RichText } from '../../components/RichText';
import { KiteLogo } from '../../components/icons';
import { useApp } from '../../lib/store';
import { usePinyin } from '../../lib/pinyin';

/** A PC that has only just started is still saying hello to its hub: no banner for that. */
const GRACE_MS = 4000;

/**
 * On a pupil PC whose hub (the teacher's PC) cannot be reached: a calm line that blocks nothing,
 * with pinyin and a speaker like the app's other pupil words. Lessons, the gallery and the demos keep working; it goes away when the hub is back.
 */
export function HubLinkBanner() {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState(false);
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true) && i18n.language.startsWith('zh');
  const annotate = usePinyin(showRuby && shown);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const apply = ({ hub }: { hub: 'none' | 'online' | 'offline' }) => {
      if (stopped) return;
      if (hub !== 'offline') {
        clearTimeout(timer);
        timer = undefined;
        return setShown(false);
      }
      timer ??= setTimeout(() => setShown(true), GRACE_MS);
    };
    const ask = () => void api.invoke('room.link').then(apply, () => undefined);
    const off = api.on('room.link', apply);
    // A change sent before the stream was open (or while it reconnected) never arrives: ask again then.
    const offOpen = api.onEventsOpen(ask);
    ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
      off();
      offOpen();
    };
  }, []);

  if (!shown) return null;
  const words = t('room.offlineBanner');
  return (
    <p className="hub-offline-banner" role="status">
      <KiteLogo size={28} /> <span>
        <RichText text={words} showRuby={showRuby} annotate={annotate} />
      </span> <SpeakButton text={words} lang={i18n.language} />
    </p>
  );
}
