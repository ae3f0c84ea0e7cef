import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TourState } from '../../../../shared/contract';
import type { Look } from '../../../../shared/tour';
import { api } from '../../api/client';
import { useTourPicture } from './useTourPicture';
import { useApp } from '../../lib/store';
import { usePinyin } from '../../lib/pinyin';
import { RichText } from '../../components/RichText';
import { SpeakButton } from '../../components/SpeakButton';
import { useLive } from './store';
import { useTourView } from './useTourView';
import { timed } from './hubClock';

const PanoramaViewer = lazy(() => import('../gallery/PanoramaViewer'));

/** This PC's pupil's look, to the hub (or this PC's own session); the answer's state is shown at once. */
async function sendGaze(look: Look): Promise<boolean> {
  const { state, me } = await timed(() => api.invoke('session.tourGaze', look));
  useLive.getState().apply(state);
  return me?.tourFound ?? false;
}

/**
 * The guided tour on a pupil's screen (issue 19): the teacher's 360° picture over everything, with
 * the ring and the arrow, "found it!" in kind words (with pinyin, and read aloud on a tap); in a
 * headset the same, inside VR. Where the pupil looks goes to the teacher's map.
 */
export function TourLayer({ tour }: { tour: TourState }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const showRuby = useApp((s) => s.settings?.pinyinDefault ?? true) && language.startsWith('zh');
  const annotate = usePinyin(showRuby);
  const media = useTourPicture(tour.media.sha256);
  // A pupil PC without the picture yet is fetching it from the hub (opening the tour sent it to the room):
  // its gallery says media.changed once the picture is in (a pupil's window never hears the jobs' events).
  const { reload } = media;
  const shown = !!media.data;
  useEffect(() => (shown ? undefined : api.on('media.changed', () => reload())), [shown, reload]);
  const { panoramaTour, found, message } = useTourView(tour, sendGaze);
  const title = t('session.tour.pupil.title');

  return (
    <section className="tour-layer" role="dialog" aria-labelledby="tour-title">
      <header className="tour-layer-head">
        <h2 id="tour-title">
          {title} <span className="tour-layer-media">{tour.media.title}</span>
        </h2>
        <p className={`tour-message${found ? ' found' : ''}`} role="status" aria-live="polite">
          <RichText text={message} showRuby={showRuby} annotate={annotate} /> <SpeakButton text={message} lang={language} />
        </p>
      </header>
      {media.error && <p className="notice warn">{t(tour.media.kind === 'video' ? 'session.tour.pupil.notHereVideo' : 'session.tour.pupil.notHere')}</p>}
      {media.data && (
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <PanoramaViewer url={media.data.url} kind={media.data.item.kind} title={tour.media.title} tour={panoramaTour} />
        </Suspense>
      )}
    </section>
  );
}
