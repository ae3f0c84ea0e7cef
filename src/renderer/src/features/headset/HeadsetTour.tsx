import { lazy, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TourState } from '../../../../shared/contract';
import type { HeadsetItem } from '../../../../shared/headset';
import type { Look } from '../../../../shared/tour';
import { RichText } from '../../components/RichText';
import { SpeakButton } from '../../components/SpeakButton';
import { useTourView } from '../session/useTourView';
import { timed } from '../session/hubClock';
import { headsetApi } from './api';
import { CardPicture, placeHash } from './HeadsetHome';
import { SpokenHeading } from './SpokenHeading';

const PanoramaViewer = lazy(() => import('../gallery/PanoramaViewer'));

/** The home's big card while the teacher shows the class something: one tap opens it. */
export function TourCard({ tour, item }: { tour: TourState; item: HeadsetItem | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="headset-tour-card" aria-labelledby="headset-tour-card">
      <SpokenHeading as="h2" id="headset-tour-card" text={t('headset.tour.card')} />
      <a className="headset-card headset-tour-open" href={placeHash({ kind: 'tour' })}>
        {item && <CardPicture item={item} />}
        <span className="headset-card-title">
          <RichText text={t('headset.tour.go')} />
          {tour.media.title}
        </span>
      </a>
    </section>
  );
}

/** The teacher's tour in the headset's viewer: the ring and the arrow, "found it", and its look to the teacher's map. */
export function HeadsetTourView({ tour, item, back, onClosed }: { tour: TourState; item: HeadsetItem | undefined; back: React.ReactNode; onClosed: () => void }) {
  const { t, i18n } = useTranslation();
  // A look that crossed the tour's closing is answered with no tour: home at once, as the stream would say.
  // Each answer also reads the hub's clock (a video tour's clock runs on it).
  const sendGaze = useCallback(
    async (look: Look): Promise<boolean> => {
      const answer = await timed(() => headsetApi.gaze(look));
      if (!answer.tour) onClosed();
      return answer.found;
    },
    [onClosed],
  );
  const { panoramaTour, found, message } = useTourView(tour, sendGaze);
  return (
    <div className="headset-viewer">
      <div className="headset-viewer-head">
        {back}
        <h1>{t('headset.tour.title', { title: tour.media.title })}</h1>
        <p className={`tour-message${found ? ' found' : ''}`} role="status" aria-live="polite">
          <RichText text={message} /> <SpeakButton text={message} lang={i18n.language} />
        </p>
      </div>
      {item ? <PanoramaViewer key={tour.id} url={item.url} kind={item.kind} title={tour.media.title} tour={panoramaTour} /> : <p className="notice warn">{t(tour.media.kind === 'video' ? 'headset.goneVideo' : 'headset.gone')}</p>}
    </div>
  );
}
