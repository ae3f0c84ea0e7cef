import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoId } from './model/types';
import { createModel, type AnyDemoModel } from './model';
import { DemoControls } from './Controls';
import { Fallback2D } from './fallback/Fallback2D';
import { baselineScene, force2d, testHooksEnabled, tooSlowMs } from './flags';
import { webglAvailable } from '../../lib/webgl';
import { useGuidedSteps, useKeyboardUser } from './guide';
import { SpeakButton } from '../../components/SpeakButton';
import type { DemoEngine } from './three';
import type { FrameInfo } from './three/engine';
import { useImmersiveVr } from '../vr/support';
import { hasVrView } from '../vr/demos';
import type { VrFrameInfo } from '../vr/VrDemo';
import { useVrRows, vrLeave, vrStartYaw } from './vrControls';
import type { LookDirection } from '../vr/VrStage';

// The headset half (react-three-fiber and WebXR) loads only when a headset asks for it.
const VrDemo = lazy(() => import('../vr/VrDemo'));

export type DemoOptions = Record<string, string | number | boolean>;
type Mode = { kind: '3d' } | { kind: '2d'; reason: 'forced' | 'no-webgl' | 'slow' };

export interface DemoViewProps {
  demo: DemoId;
  /** Demo-specific settings from a lesson step (e.g. { image: '/media/<sha>.jpg' } for look-around). */
  options?: DemoOptions;
  /** Inside a lesson: a smaller heading and a "Done" button that calls onDone. */
  embedded?: boolean;
  onDone?: () => void;
  /** Shown before the title (the demos screen puts its back link here). */
  headerStart?: React.ReactNode;
  /** Speak each step aloud on its own (the PC's setting; the caller reads it, so a headset page needs no app API). */
  autoplayNarration?: boolean;
}

interface TestHook {
  id: DemoId;
  mode: () => string;
  state: () => Record<string, unknown>;
  info: () => FrameInfo | null;
  /** The headset view's last frame while it runs (null otherwise). */
  vrInfo: () => VrFrameInfo | null;
}
declare global {
  interface Window {
    __kiteDemo?: TestHook;
  }
}

/** Keys the demos use that would otherwise scroll the page. */
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', ' ', 'PageUp', 'PageDown']);

/**
 * One demo: narration (step by step or free play), the scene (3D, or the 2D pictures when WebGL is
 * missing or slow), big controls, keyboard keys and a reset. The player renders this for `demo` steps.
 */
export function DemoView({ demo, options, embedded = false, onDone, headerStart, autoplayNarration = false }: DemoViewProps) {
  const { t, i18n } = useTranslation();
  const model = useMemo(() => createModel(demo), [demo]);
  const stableOptions = useStableOptions(options);
  const [mode, setMode] = useState<Mode>(() => (force2d() ? { kind: '2d', reason: 'forced' } : webglAvailable() ? { kind: '3d' } : { kind: '2d', reason: 'no-webgl' }));
  const [freePlay, setFreePlay] = useState(false);
  const engine = useRef<DemoEngine | null>(null);
  const steps = t(`demos.${demo}.steps`, { returnObjects: true }) as unknown as string[];
  const [step, setStep] = useGuidedSteps(model, steps.length, !freePlay);
  const keyboardUser = useKeyboardUser();
  const narration = freePlay ? t(`demos.${demo}.free`) : (steps[step] ?? '');
  const title = t(`demos.${demo}.title`);
  const vrSupported = useImmersiveVr();
  // While the headset view runs: the demo's engine (held still here) and the headset's frame figures.
  const [vr, setVr] = useState<{ engine: DemoEngine; info: VrFrameInfo; startYaw: number; onFrame: (calls: number, triangles: number) => void } | null>(null);
  const enterButton = useRef<HTMLButtonElement>(null);
  const [sceneReady, setSceneReady] = useState(false);
  const canVr = vrSupported && mode.kind === '3d' && sceneReady && hasVrView(demo);
  const enterVr = () => {
    if (!engine.current) return;
    engine.current.hold(true);
    const info: VrFrameInfo = { calls: 0, triangles: 0, frames: 0 };
    const onFrame = (calls: number, triangles: number) => Object.assign(info, { calls, triangles, frames: info.frames + 1 });
    setVr({ engine: engine.current, info, startYaw: vrStartYaw(model), onFrame });
  };
  // Back in the same demo, in the same state, the focus on the button that went in.
  const leaveVr = (look: LookDirection | null) => {
    vrLeave(model, look);
    vr?.engine.hold(false);
    setVr(null);
    requestAnimationFrame(() => enterButton.current?.focus());
  };
  const rows = useVrRows(model, t);

  useEffect(() => {
    if (!testHooksEnabled()) return;
    window.__kiteDemo = {
      id: demo,
      mode: () => (mode.kind === '3d' ? '3d' : `2d:${mode.reason}`),
      state: () => model.snapshot(),
      info: () => (engine.current ? { ...engine.current.info } : null),
      vrInfo: () => (vr ? { ...vr.info } : null),
    };
    return () => void delete window.__kiteDemo;
  }, [demo, model, mode, vr]);

  const onKey = (e: React.KeyboardEvent, down: boolean) => {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || e.altKey || e.ctrlKey || e.metaKey) return;
    if ((target.tagName === 'BUTTON' && (e.key === ' ' || e.key === 'Enter')) || e.repeat) {
      if (e.repeat && SCROLL_KEYS.has(e.key)) e.preventDefault();
      return;
    }
    if (model.key?.(e.key, down) && SCROLL_KEYS.has(e.key)) e.preventDefault();
  };

  const Heading = embedded ? 'h2' : 'h1';
  return (
    <section className={`demo ${embedded ? 'embedded' : ''}`} aria-labelledby={`demo-title-${demo}`} onKeyDown={(e) => onKey(e, true)} onKeyUp={(e) => onKey(e, false)}>
      <header className="demo-header">
        <div className="demo-title">
          {headerStart}
          <Heading id={`demo-title-${demo}`}>{title}</Heading>
        </div>
        <div className="demo-actions">
          <button type="button" className="demo-button" aria-pressed={freePlay} onClick={() => setFreePlay((f) => !f)}>
            {t('demos.common.freePlay')}
          </button>
          <button type="button" className="demo-button" onClick={() => {
              model.reset();
              setStep(0);
            }}>
            {t('demos.common.reset')}
          </button>
          {canVr && (
            <button ref={enterButton} type="button" className="demo-button primary" disabled={vr !== null} onClick={enterVr}>
              {t('demos.common.enterVr')}
            </button>
          )}
          {embedded && onDone && (
            <button type="button" className="demo-button primary" onClick={onDone}>
              {t('demos.common.done')}
            </button>
          )}
        </div>
      </header>
      <div className="demo-body">
        <div className="demo-stage" role="group" tabIndex={0} aria-label={t('demos.common.stageLabel', { title, keys: t(`demos.${demo}.keys`) })} data-mode={mode.kind}>
          {mode.kind === '3d' ? (
            <Stage3D key={i18n.language} model={model} options={stableOptions} engine={engine} onReady={setSceneReady} onFail={(reason) => setMode({ kind: '2d', reason })} />
          ) : (
            <Fallback2D model={model} options={stableOptions} />
          )}
          {vr && hasVrView(demo) && (
            <Suspense fallback={null}>
              <VrDemo id={demo} demo={vr.engine} title={title} rows={rows} exitLabel={t('demos.common.exitVr')} startYaw={vr.startYaw} onFrame={vr.onFrame} onExit={leaveVr} />
            </Suspense>
          )}
          {mode.kind === '2d' && mode.reason !== 'forced' && <p className="demo-simple-note">{t(`demos.common.simple.${mode.reason}`)}</p>}
        </div>
        <aside className="demo-panel">
          <div className="demo-narration card">
            <div className="demo-narration-head">
              <p className="demo-step-count">{freePlay ? t('demos.common.freePlay') : t('demos.common.stepOf', { n: step + 1, total: steps.length })}</p>
              {!freePlay && (
                <>
                  <button type="button" className="icon-button step-button" aria-label={t('demos.common.prev')} title={t('demos.common.prev')} disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
                    <span aria-hidden="true">‹</span>
                  </button>
                  <button type="button" className="icon-button step-button" aria-label={t('demos.common.next')} title={t('demos.common.next')} disabled={step >= steps.length - 1} onClick={() => setStep((s) => s + 1)}>
                    <span aria-hidden="true">›</span>
                  </button>
                </>
              )}
              <SpeakButton text={narration} lang={i18n.language} autoplay={autoplayNarration} />
            </div>
            <p className="demo-narration-text" aria-live="polite">
              {narration}
            </p>
          </div>
          <div className="demo-controls">
            <DemoControls model={model} />
          </div>
          {keyboardUser && <p className="demo-keys">{t(`demos.${demo}.keys`)}</p>}
        </aside>
      </div>
    </section>
  );
}

/** The same options object for the same content, so a parent's re-render does not restart the scene. */
function useStableOptions(options: DemoOptions | undefined): DemoOptions {
  const key = JSON.stringify(options ?? {});
  return useMemo(() => JSON.parse(key) as DemoOptions, [key]);
}

/** The 3D scene: three.js arrives with import() here, so it is never part of the first screen. */
function Stage3D({ model, options, engine, onReady, onFail }: { model: AnyDemoModel; options: DemoOptions; engine: React.RefObject<DemoEngine | null>; onReady: (ready: boolean) => void; onFail: (reason: 'no-webgl' | 'slow') => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [loading, setLoading] = useState(true);
  const fail = useRef(onFail);
  useEffect(() => {
    fail.current = onFail;
  });
  useEffect(() => {
    let cancelled = false;
    let started: DemoEngine | null = null;
    void import('./three').then(({ startScene }) => {
      if (cancelled || !canvas.current) return;
      try {
        started = startScene(canvas.current, model, { t: (key) => t(key), options }, () => fail.current('slow'), tooSlowMs, baselineScene());
        engine.current = started;
        setLoading(false);
        onReady(true);
      } catch {
        fail.current('no-webgl');
      }
    }, () => fail.current('no-webgl'));
    return () => {
      cancelled = true;
      started?.dispose();
      if (engine.current === started) engine.current = null;
      onReady(false);
    };
  }, [model, options, engine, t, onReady]);
  return (
    <>
      <canvas ref={canvas} className="demo-canvas" />
      {loading && <p className="demo-loading" role="status">{t('demos.common.loading')}</p>}
    </>
  );
}
