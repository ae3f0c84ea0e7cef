import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnyDemoModel, FlyDrone, LookAround, PacketJourney, PhotoCopies, WifiSignals } from './model';
import { MAX_MESSAGE, type Line } from './model/packetJourney';
import { PLACES } from './model/photos';
import { ALTITUDE_LIMIT_M } from './model/drone';
import { HoldButton } from './HoldButton';
import { useModel } from './hooks';
import { DragHand } from './DemoArt';

const Arrow = ({ turn = 0 }: { turn?: number }) => (
  <svg aria-hidden="true" width="30" height="30" viewBox="0 0 32 32" style={{ transform: `rotate(${turn}deg)` }}>
    <path d="M16 5 L28 19 H20 V28 H12 V19 H4 Z" fill="currentColor" />
  </svg>
);

function PacketControls({ model }: { model: PacketJourney }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState(() => t('demos.packet-journey.defaultMessage'));
  useModel(model);
  const lines: Line[] = ['A', 'B'];
  return (
    <>
      <form
        className="demo-form"
        onSubmit={(e) => {
          e.preventDefault();
          model.send(message);
        }}
      >
        <label className="field">
          {t('demos.packet-journey.messageLabel')}
          <input value={message} maxLength={MAX_MESSAGE} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <button type="submit" className="demo-button primary" disabled={!message.trim()}>
          {t('demos.packet-journey.send')}
        </button>
      </form>
      <div className="demo-row">
        {lines.map((line) => (
          <button key={line} type="button" className="demo-button" aria-pressed={model.isCut(line)} onClick={() => model.toggleCut(line)}>
            {t(model.isCut(line) ? `demos.packet-journey.repair${line}` : `demos.packet-journey.cut${line}`)}
          </button>
        ))}
      </div>
      <div className="demo-status" role="status">
        {model.packets.length > 0 && (
          <>
            <p>
              <strong>{t('demos.packet-journey.phoneGot')}</strong> <span className="demo-received">{model.reassembled()}</span>
            </p>
            {model.arrivals.length > 0 && <p>{t('demos.packet-journey.arrivalOrder', { order: model.arrivals.join(' → ') })}</p>}
            {model.complete && <p className="demo-good">{t('demos.packet-journey.complete')}</p>}
            {model.stuck && <p className="demo-warn">{t('demos.packet-journey.stuck')}</p>}
          </>
        )}
      </div>
    </>
  );
}

function MovePad({ labels, onPress, onRelease }: { labels: Record<'up' | 'down' | 'left' | 'right', string>; onPress: (dir: 'up' | 'down' | 'left' | 'right') => void; onRelease: (dir: 'up' | 'down' | 'left' | 'right', ms: number) => void }) {
  const dirs = [
    ['up', 0],
    ['left', -90],
    ['right', 90],
    ['down', 180],
  ] as const;
  return (
    <div className="demo-pad">
      {dirs.map(([dir, turn]) => (
        <HoldButton key={dir} className={`pad-${dir}`} label={labels[dir]} onPress={() => onPress(dir)} onRelease={(ms) => onRelease(dir, ms)}>
          <Arrow turn={turn} />
        </HoldButton>
      ))}
    </div>
  );
}

const AXIS = { up: ['z', -1], down: ['z', 1], left: ['x', -1], right: ['x', 1] } as const;

function WifiControls({ model }: { model: WifiSignals }) {
  const { t } = useTranslation();
  useModel(model);
  const k = 'demos.wifi-signals';
  return (
    <>
      <div className="demo-row">
        <div className="demo-choice" role="radiogroup" aria-label={t(`${k}.move`)}>
          {(['tablet', 'wall'] as const).map((what) => (
            <button key={what} type="button" role="radio" aria-checked={model.selected === what} className="demo-button" onClick={() => model.select(what)}>
              {t(`${k}.${what}`)}
            </button>
          ))}
        </div>
        <MovePad
          labels={{ up: t(`${k}.up`), down: t(`${k}.down`), left: t(`${k}.left`), right: t(`${k}.right`) }}
          onPress={(dir) => {
            const [axis, sign] = AXIS[dir];
            model.move(axis === 'x' ? sign * 0.6 : 0, axis === 'z' ? sign * 0.6 : 0);
            model.hold(axis, sign);
          }}
          onRelease={(dir) => model.hold(AXIS[dir][0], 0)}
        />
      </div>
      <div className="demo-status" role="status">
        <p className="demo-meter">
          <span className="bars" aria-hidden="true">
            {[0, 1, 2, 3].map((i) => (
              <i key={i} className={i < model.bars ? 'on' : ''} style={{ height: `${10 + i * 7}px` }} />
            ))}
          </span>
          {t(`${k}.signal`, { percent: Math.round(model.strength * 100), bars: model.bars })}
        </p>
        <p>{t(`${k}.walls`, { count: model.wallsBetween(model.tablet.x, model.tablet.z) })}</p>
      </div>
      <button type="button" className="demo-button" aria-pressed={model.locked} onClick={() => model.toggleLock()}>
        {t(model.locked ? `${k}.lockOn` : `${k}.lockOff`)}
      </button>
      <p className={model.neighbourConnected ? 'demo-warn' : 'demo-good'} role="status">
        {t(model.neighbourConnected ? `${k}.neighbourOn` : `${k}.neighbourOff`)}
      </p>
    </>
  );
}

function PhotoControls({ model }: { model: PhotoCopies }) {
  const { t } = useTranslation();
  useModel(model);
  const k = 'demos.photo-copies';
  const posted = model.clock >= 0;
  return (
    <>
      <div className="demo-row">
        <button type="button" className="demo-button primary" disabled={posted} onClick={() => model.post()}>
          {t(`${k}.post`)}
        </button>
        <button type="button" className="demo-button danger" disabled={!posted || model.deleted} onClick={() => model.deleteMine()}>
          {t(`${k}.delete`)}
        </button>
      </div>
      <div className="demo-status" role="status">
        <p>
          <strong>{t(`${k}.copies`, { count: model.copies.length })}</strong>
        </p>
        <ul className="demo-places">
          {PLACES.map((place, i) => (
            <li key={place.id} className={model.has[i] ? 'has' : ''}>
              {t(`${k}.placeStatus`, { place: t(`${k}.places.${place.id}`), status: t(model.has[i] ? `${k}.has` : `${k}.hasNot`) })}
            </li>
          ))}
        </ul>
        {model.deleted && <p className="demo-warn">{t(`${k}.deletedNote`)}</p>}
      </div>
    </>
  );
}

const DRONE_PAD = { up: 'forward', down: 'back', left: 'left', right: 'right' } as const;

function DroneControls({ model }: { model: FlyDrone }) {
  const { t } = useTranslation();
  useModel(model);
  const k = 'demos.fly-drone';
  const control = (c: 'up' | 'down' | 'forward' | 'back' | 'left' | 'right') => ({
    onPress: () => model.hold(c, true),
    onRelease: (ms: number) => (ms < 400 ? model.nudge(c) : model.hold(c, false)),
  });
  return (
    <>
      <div className="demo-row drone-pads">
        <MovePad
          labels={{ up: t(`${k}.forward`), down: t(`${k}.back`), left: t(`${k}.left`), right: t(`${k}.right`) }}
          onPress={(d) => control(DRONE_PAD[d]).onPress()}
          onRelease={(d, ms) => control(DRONE_PAD[d]).onRelease(ms)}
        />
        <div className="demo-pad-column">
          <HoldButton label={t(`${k}.up`)} {...control('up')}>
            <span className="pad-text">{t(`${k}.upShort`)}</span>
          </HoldButton>
          <HoldButton label={t(`${k}.down`)} {...control('down')}>
            <span className="pad-text">{t(`${k}.downShort`)}</span>
          </HoldButton>
        </div>
      </div>
      <DroneReadout model={model} />
    </>
  );
}

/** Height and distance change every frame: this small part re-renders on its own timer. */
function DroneReadout({ model }: { model: FlyDrone }) {
  const { t } = useTranslation();
  const k = 'demos.fly-drone';
  const [, setTick] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setTick((n) => n + 1), 250);
    return () => window.clearInterval(id);
  }, []);
  return (
    <div className="demo-status">
      <p className="demo-meter">
        <span className="altimeter" aria-hidden="true">
          <i style={{ height: `${Math.min(100, (model.altitude / ALTITUDE_LIMIT_M) * 100)}%` }} />
        </span>
        <span>
          {t(`${k}.altitude`, { m: Math.round(model.altitude), limit: ALTITUDE_LIMIT_M })}
          <br />
          {t(`${k}.distance`, { m: Math.round(model.distance) })}
        </span>
      </p>
      <div role="alert" className="demo-notices">
        {model.notices.altitude > 0 && <p className="demo-warn">{t(`${k}.notices.altitude`)}</p>}
        {model.notices.noFly > 0 && <p className="demo-warn">{t(`${k}.notices.noFly`)}</p>}
        {model.notices.sight > 0 && <p className="demo-warn">{t(`${k}.notices.sight`)}</p>}
      </div>
    </div>
  );
}

/** How long to wait for the first reading of the tilt sensor before saying there is none. */
const SENSOR_WAIT_MS = 1500;

const LOOK = { up: ['pitch', 1], down: ['pitch', -1], left: ['yaw', 1], right: ['yaw', -1] } as const;

function LookControls({ model }: { model: LookAround }) {
  const { t } = useTranslation();
  useModel(model);
  const k = 'demos.look-around';
  const hasGyro = typeof window !== 'undefined' && 'DeviceOrientationEvent' in window;
  const [noSensor, setNoSensor] = useState(false);
  useEffect(() => {
    if (!model.gyro) return;
    let heard = false;
    const onOrientation = (e: DeviceOrientationEvent) => {
      if (e.alpha === null || e.beta === null) return;
      heard = true;
      model.orient(e.alpha, e.beta);
    };
    // A PC knows the event but has no sensor: nothing arrives. Switch back and offer dragging instead.
    const timer = window.setTimeout(() => {
      if (heard) return;
      model.toggleGyro();
      setNoSensor(true);
    }, SENSOR_WAIT_MS);
    window.addEventListener('deviceorientation', onOrientation);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('deviceorientation', onOrientation);
    };
  }, [model, model.gyro]);
  return (
    <>
      <MovePad
        labels={{ up: t(`${k}.up`), down: t(`${k}.down`), left: t(`${k}.left`), right: t(`${k}.right`) }}
        onPress={(dir) => {
          const [axis, sign] = LOOK[dir];
          model.turn(axis === 'yaw' ? sign * 0.15 : 0, axis === 'pitch' ? sign * 0.15 : 0);
          model.hold(axis, sign);
        }}
        onRelease={(dir) => model.hold(LOOK[dir][0], 0)}
      />
      <div className="demo-row">
        <button type="button" className="demo-button" aria-pressed={model.stereo} onClick={() => model.toggleStereo()}>
          {t(`${k}.stereo`)}
        </button>
        {hasGyro && (
          <button type="button" className="demo-button" aria-pressed={model.gyro} onClick={() => model.toggleGyro()}>
            {t(`${k}.gyro`)}
          </button>
        )}
      </div>
      {noSensor && (
        <p className="demo-tip demo-drag-tip" role="status">
          <DragHand />
          {t(`${k}.noSensor`)}
        </p>
      )}
      {model.stereo && <p className="demo-tip">{t(`${k}.stereoTip`)}</p>}
    </>
  );
}

export function DemoControls({ model }: { model: AnyDemoModel }) {
  switch (model.id) {
    case 'packet-journey':
      return <PacketControls model={model} />;
    case 'wifi-signals':
      return <WifiControls model={model} />;
    case 'photo-copies':
      return <PhotoControls model={model} />;
    case 'fly-drone':
      return <DroneControls model={model} />;
    case 'look-around':
      return <LookControls model={model} />;
  }
}
