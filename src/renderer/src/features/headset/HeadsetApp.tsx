import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeadsetCatalogue } from '../../../../shared/headset';
import { applyLanguage } from '../../i18n';
import { errorText } from '../../lib/errors';
import { RichText } from '../../components/RichText';
import { KiteError } from '../../../../shared/errors';
import type { TourState } from '../../../../shared/contract';
import { followTour, headsetApi, mustJoin } from './api';
import { HeadsetTourView, TourCard } from './HeadsetTour';
import { HeadsetHome, placeHash, type HeadsetPlace } from './HeadsetHome';
import { JoinPad } from './JoinPad';
import { hasVrView } from '../vr/demos';

// The viewer and the demos bring three.js: loaded when a pupil opens one.
const PanoramaViewer = lazy(() => import('../gallery/PanoramaViewer'));
const DemoView = lazy(() => import('../demos/DemoView').then((m) => ({ default: m.DemoView })));

const LANGUAGE_KEY = 'kite.headset.language';
/** The list is asked for again this often: new 360° pictures appear, and a headset the teacher removed learns it. */
const REFRESH_MS = 20_000;

type State = { kind: 'loading' } | { kind: 'join'; removed: boolean } | { kind: 'ready'; catalogue: HeadsetCatalogue } | { kind: 'error'; message: string };

function readPlace(): HeadsetPlace {
  const [, kind, id = ''] = location.hash.split('/');
  if (kind === 'item' && /^[a-f0-9]{64}$/.test(id)) return { kind: 'item', sha256: id };
  if (kind === 'demo' && hasVrView(id)) return { kind: 'demo', id };
  if (kind === 'tour') return { kind: 'tour' };
  return { kind: 'home' };
}

/** The join code the QR code brought (#code=123456), taken out of the address at once. */
function takeCode(): string {
  const match = /^#code=(\d{6})$/.exec(location.hash);
  if (match) history.replaceState(null, '', `${location.pathname}${location.search}#/`); // the flags (?test=1) stay
  return match?.[1] ?? '';
}

/**
 * The headset app (https://<hub>/headset/): join with the code, then big cards for the 360° photos and
 * videos and the VR demos, each opening the same viewer as on the PCs with its "进入 VR" button.
 * Leaving VR comes back to the same viewer; Back goes to the list.
 */
export function HeadsetApp() {
  const { t, i18n } = useTranslation();
  const [code] = useState(takeCode);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [place, setPlace] = useState(readPlace);
  const [tour, setTour] = useState<TourState | null>(null);

  const load = useCallback(
    () =>
      headsetApi.catalogue().then(
        (catalogue) => setState({ kind: 'ready', catalogue }),
        (e: unknown) => setState(mustJoin(e) ? { kind: 'join', removed: e instanceof KiteError && e.code === 'device_removed' } : { kind: 'error', message: errorText(t, e) }),
      ),
    [t],
  );
  useEffect(() => {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') applyLanguage(saved);
    const onHash = () => setPlace(readPlace());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  // The teacher's guided tour, once joined: a new picture refreshes the list (it may be new); a closed one
  // (told by the stream, or by the answer to a look) brings the pupil home.
  const joined = state.kind === 'ready';
  const shown = useRef<string | null>(null);
  const showTour = useCallback(
    (next: TourState | null) => {
      setTour(next);
      if (next && next.media.sha256 !== shown.current) void load();
      shown.current = next?.media.sha256 ?? null;
      if (!next && readPlace().kind === 'tour') location.hash = placeHash({ kind: 'home' });
    },
    [load],
  );
  const tourClosed = useCallback(() => showTour(null), [showTour]);
  useEffect(() => {
    if (!joined) return;
    shown.current = null;
    return followTour(showTour);
  }, [joined, showTour]);

  const switchLanguage = () => {
    const next = i18n.language === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem(LANGUAGE_KEY, next);
    applyLanguage(next);
  };
  const back = (
    <a className="headset-back" href={placeHash({ kind: 'home' })}>
      ← {t('headset.back')}
    </a>
  );
  const find = (sha256: string | undefined) => (state.kind === 'ready' ? state.catalogue.items.find((i) => i.sha256 === sha256) : undefined);
  const item = find(place.kind === 'item' ? place.sha256 : undefined);
  const tourItem = find(tour?.media.sha256);

  return (
    <div className="headset-app">
      <header className="headset-bar">
        <span className="headset-brand">
          <RichText text={t('headset.brand')} />
        </span>
        {state.kind === 'ready' && <span className="headset-name">{t('headset.name', { name: state.catalogue.name })}</span>}
        <button type="button" className="secondary" onClick={switchLanguage} lang={i18n.language === 'en' ? 'zh-CN' : 'en'}>
          {i18n.language === 'en' ? '中文' : 'English'}
        </button>
      </header>
      <main className="headset-main">
        {state.kind === 'loading' && <p className="headset-wait">{t('headset.loading')}</p>}
        {state.kind === 'error' && (
          <div className="notice error" role="alert">
            <p>{state.message}</p>
            <button type="button" className="primary" onClick={() => void load()}>
              {t('headset.retry')}
            </button>
          </div>
        )}
        {state.kind === 'join' && <JoinPad initialCode={code} removed={state.removed} onJoined={() => void load()} />}
        {state.kind === 'ready' && (
          <Suspense fallback={<p className="headset-wait">{t('headset.loading')}</p>}>
            {place.kind === 'home' && <HeadsetHome items={state.catalogue.items} tourCard={tour && <TourCard tour={tour} item={tourItem} />} />}
            {place.kind === 'tour' && (tour ? <HeadsetTourView tour={tour} item={tourItem} back={back} onClosed={tourClosed} /> : <p className="headset-wait">{t('headset.loading')}</p>)}
            {place.kind === 'item' && (
              <div className="headset-viewer">
                <div className="headset-viewer-head">
                  {back}
                  <h1>{item?.title ?? t('headset.gone')}</h1>
                </div>
                {item && <PanoramaViewer key={item.sha256} url={item.url} kind={item.kind} title={item.title} />}
              </div>
            )}
            {place.kind === 'demo' && <DemoView demo={place.id} headerStart={back} />}
          </Suspense>
        )}
      </main>
    </div>
  );
}
