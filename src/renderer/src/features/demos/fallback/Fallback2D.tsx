import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnyDemoModel, FlyDrone, LookAround, PacketJourney, PhotoCopies, WifiSignals } from '../model';
import { CUTTABLE, LINKS, NODES } from '../model/packetJourney';
import { PLAN } from '../model/wifi';
import { COPY_PLAN, PLACES } from '../model/photos';
import { ALTITUDE_LIMIT_M, NO_FLY, SIGHT_LIMIT_M } from '../model/drone';
import { isLocalImage } from '../model/images';
import { samplePanoramaUrl } from './art';
import { useFrameLoop } from '../hooks';

/*
 * The 2D versions: the same models drawn as SVG pictures, for PCs where WebGL is missing or too slow.
 * They are illustrations of the same state, so the controls, narration and tests work unchanged.
 */

const PACKET_COLORS = ['#e4572e', '#f3a712', '#1f8a8a', '#7b5ea7', '#2f7ed8', '#d9480f', '#2b9348', '#c2185b'];

/** A small picture of each place on the route, drawn in a 2×2 box around its centre. */
function PlaceIcon({ id }: { id: string }) {
  switch (id) {
    case 'pc':
      return (
        <>
          <rect x={-0.55} y={-0.45} width={1.1} height={0.7} rx={0.08} fill="#2b2b40" />
          <rect x={-0.45} y={-0.37} width={0.9} height={0.52} fill="#9fd8f5" />
          <rect x={-0.25} y={0.3} width={0.5} height={0.12} fill="#6b7280" />
        </>
      );
    case 'school':
      return (
        <>
          <rect x={-0.5} y={-0.05} width={1} height={0.4} rx={0.08} fill="#fdf8ef" stroke="#2b2b40" strokeWidth={0.06} />
          <path d="M-0.35 -0.05 V-0.5 M0.35 -0.05 V-0.5" stroke="#2b2b40" strokeWidth={0.08} />
          <circle cx={0.3} cy={0.15} r={0.06} fill="#2b9348" />
        </>
      );
    case 'county':
      return (
        <>
          <rect x={-0.4} y={-0.5} width={0.8} height={0.95} fill="#d6cdb8" />
          <rect x={-0.48} y={-0.6} width={0.96} height={0.16} fill="#b83b17" />
        </>
      );
    case 'datacentre':
      return (
        <>
          {[-0.42, -0.07, 0.28].map((x) => (
            <rect key={x} x={x} y={-0.5} width={0.28} height={0.95} fill="#374151" />
          ))}
        </>
      );
    case 'tower':
      return <path d="M0 -0.6 L0.3 0.5 H-0.3 Z M-0.15 -0.45 Q0 -0.65 0.15 -0.45" fill="#6b7280" stroke="#e4572e" strokeWidth={0.06} />;
    case 'phone':
      return (
        <>
          <rect x={-0.3} y={-0.55} width={0.6} height={1.1} rx={0.1} fill="#2b2b40" />
          <rect x={-0.22} y={-0.45} width={0.44} height={0.85} fill="#dff3f1" />
        </>
      );
    default:
      return <rect x={-0.4} y={-0.4} width={0.8} height={0.8} rx={0.1} fill="#f3a712" />;
  }
}

function PacketSvg({ model }: { model: PacketJourney }) {
  const { t } = useTranslation();
  return (
    <svg viewBox="-12 -6 24 12" className="demo-svg" role="img" aria-label={t('demos.packet-journey.title')}>
      <rect x="-12" y="-6" width="24" height="12" fill="#e7f4dc" />
      {LINKS.map(([a, b], i) => {
        const from = NODES[a] as (typeof NODES)[number];
        const to = NODES[b] as (typeof NODES)[number];
        const cut = (i === CUTTABLE.A && model.isCut('A')) || (i === CUTTABLE.B && model.isCut('B'));
        return <line key={i} x1={from.x} y1={from.z} x2={to.x} y2={to.z} stroke={cut ? '#d62828' : '#2f7ed8'} strokeWidth={0.18} strokeDasharray={cut ? '0.4 0.4' : undefined} />;
      })}
      {NODES.map((n) => (
        <g key={n.id} transform={`translate(${n.x} ${n.z})`}>
          <circle r={0.9} fill="#fff" stroke="#2b2b40" strokeWidth={0.1} />
          <PlaceIcon id={n.id} />
          <text y={-1.3} textAnchor="middle" fontSize={0.55} fill="#2b2b40">
            {t(`demos.packet-journey.places.${n.id}`)}
          </text>
        </g>
      ))}
      {model.packets.map((p) => {
        const from = NODES[p.from] as (typeof NODES)[number];
        const to = NODES[p.to] as (typeof NODES)[number];
        const f = p.t < 0 ? 0 : p.t;
        const x = p.arrived ? 8.2 + (p.n - 1 - (model.packets.length - 1) / 2) * 0.62 : from.x + (to.x - from.x) * f;
        const y = p.arrived ? 2.6 : from.z + (to.z - from.z) * f;
        return (
          <g key={p.n} transform={`translate(${x} ${y})`}>
            <rect x={-0.3} y={-0.3} width={0.6} height={0.6} rx={0.1} fill={PACKET_COLORS[p.n - 1]} />
            <text y={0.2} textAnchor="middle" fontSize={0.5} fill="#fff" fontWeight="bold">
              {p.n}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function WifiSvg({ model }: { model: WifiSignals }) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);
  const toPlan = (e: PointerEvent) => {
    const box = (svg.current as SVGSVGElement).getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width - 0.5) * PLAN.width, z: ((e.clientY - box.top) / box.height - 0.5) * PLAN.depth };
  };
  const onPointer = (e: PointerEvent) => {
    if (e.type === 'pointerdown') {
      dragging.current = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    if (e.type === 'pointerup') dragging.current = false;
    if (!dragging.current) return;
    const p = toPlan(e);
    if (model.selected === 'tablet') model.placeTablet(p.x, p.z);
    else model.placeWall(p.x);
  };
  const houses = [PLAN.ourHouse, PLAN.neighbourHouse];
  return (
    <svg ref={svg} viewBox={`${-PLAN.width / 2} ${-PLAN.depth / 2} ${PLAN.width} ${PLAN.depth}`} className="demo-svg draggable" role="img" aria-label={t('demos.wifi-signals.title')} onPointerDown={onPointer} onPointerMove={onPointer} onPointerUp={onPointer}>
      <defs>
        <radialGradient id="wifi-field" cx={PLAN.router.x} cy={PLAN.router.z} r={18} gradientUnits="userSpaceOnUse">
          <stop offset="0" stopColor="#5fc46a" />
          <stop offset="1" stopColor="#f4f1d0" />
        </radialGradient>
      </defs>
      <rect x={-PLAN.width / 2} y={-PLAN.depth / 2} width={PLAN.width} height={PLAN.depth} fill="url(#wifi-field)" />
      {houses.map((h, i) => (
        <rect key={i} x={h.x0} y={h.z0} width={h.x1 - h.x0} height={h.z1 - h.z0} fill="none" stroke="#8d6e4a" strokeWidth={0.3} />
      ))}
      {[0, 1, 2].map((i) => {
        const f = (model.wave + i / 3) % 1;
        return <circle key={i} cx={PLAN.router.x} cy={PLAN.router.z} r={1 + f * 16} fill="none" stroke="#1f8a8a" strokeWidth={0.12} opacity={0.6 * (1 - f)} />;
      })}
      <rect x={model.wallX - 0.25} y={PLAN.wall.z0} width={0.5} height={PLAN.wall.z1 - PLAN.wall.z0} fill="#b5651d" stroke={model.selected === 'wall' ? '#e4572e' : 'none'} strokeWidth={0.15} />
      <rect x={PLAN.router.x - 0.6} y={PLAN.router.z - 0.4} width={1.2} height={0.8} rx={0.15} fill="#fdf8ef" stroke="#2b2b40" strokeWidth={0.1} />
      <g transform={`translate(${model.tablet.x} ${model.tablet.z})`}>
        {model.selected === 'tablet' && <circle r={1.1} fill="none" stroke="#e4572e" strokeWidth={0.15} />}
        <rect x={-0.7} y={-0.5} width={1.4} height={1} rx={0.12} fill="#2b2b40" />
        {[0, 1, 2, 3].map((i) => (
          <rect key={i} x={-0.5 + i * 0.27} y={0.3 - (i + 1) * 0.16} width={0.18} height={(i + 1) * 0.16} fill={i < model.bars ? '#5fc46a' : '#777'} />
        ))}
      </g>
      <rect x={PLAN.neighbourPhone.x - 0.3} y={PLAN.neighbourPhone.z - 0.5} width={0.6} height={1} rx={0.1} fill="#7b5ea7" />
      <text x={PLAN.neighbourPhone.x} y={PLAN.neighbourPhone.z - 0.9} textAnchor="middle" fontSize={0.6} fill={model.neighbourConnected ? '#d62828' : '#2b2b40'}>
        {t(model.neighbourConnected ? 'demos.wifi-signals.scene.neighbourOn' : 'demos.wifi-signals.scene.neighbourOff')}
      </text>
    </svg>
  );
}

function PhotoSvg({ model }: { model: PhotoCopies }) {
  const { t } = useTranslation();
  const at = (id: string) => PLACES.find((p) => p.id === id) as (typeof PLACES)[number];
  const photo = (x: number, y: number, key: string | number) => (
    <g key={key} transform={`translate(${x} ${y})`}>
      <rect x={-0.6} y={-0.45} width={1.2} height={0.9} fill="#6cc3f0" stroke="#fff" strokeWidth={0.08} />
      <path d="M-0.6 0.45 Q0 -0.1 0.6 0.45 Z" fill="#6fbf5a" />
      <path d="M-0.1 -0.35 L0.1 -0.1 L-0.1 0.15 L-0.3 -0.1 Z" fill="#e4572e" />
    </g>
  );
  return (
    <svg viewBox="-11 -7 22 14" className="demo-svg" role="img" aria-label={t('demos.photo-copies.title')}>
      <rect x="-11" y="-7" width="22" height="14" fill="#eef7f5" />
      {PLACES.map((p, i) => {
        const server = p.id === 'server' || p.id === 'backup';
        return (
          <g key={p.id} transform={`translate(${p.x} ${p.z})`}>
            {server ? <rect x={-1} y={-1} width={2} height={2} rx={0.2} fill="#374151" /> : <rect x={-0.7} y={-1.1} width={1.4} height={2.2} rx={0.25} fill="#2b2b40" />}
            <text y={-1.5} textAnchor="middle" fontSize={0.55} fill="#2b2b40">
              {t(`demos.photo-copies.places.${p.id}`)}
            </text>
            {model.has[i] ? photo(0, 0, 'photo') : null}
            {p.id === 'mine' && model.deleted && (
              <text y={0.2} textAnchor="middle" fontSize={0.55} fill="#ff8a80">
                {t('demos.photo-copies.scene.deleted')}
              </text>
            )}
          </g>
        );
      })}
      {COPY_PLAN.map((c, i) => {
        const f = model.flight(i);
        if (f < 0) return null;
        const a = at(c.from);
        const b = at(c.to);
        return photo(a.x + (b.x - a.x) * f, a.z + (b.z - a.z) * f - Math.sin(f * Math.PI) * 1.5, i);
      })}
    </svg>
  );
}

function DroneSvg({ model }: { model: FlyDrone }) {
  const { t } = useTranslation();
  const scale = 0.1; // 1 unit = 10 m
  return (
    <svg viewBox="-66 -66 132 132" className="demo-svg" role="img" aria-label={t('demos.fly-drone.title')}>
      <rect x="-66" y="-66" width="132" height="132" fill="#cfe3b4" />
      <circle r={SIGHT_LIMIT_M * scale} fill="none" stroke="#1f8a8a" strokeWidth={0.5} strokeDasharray="2 2" />
      <circle cx={NO_FLY.x * scale} cy={NO_FLY.z * scale} r={NO_FLY.radius * scale} fill="rgba(214,40,40,0.25)" stroke="#d62828" strokeWidth={0.6} />
      <text x={NO_FLY.x * scale} y={NO_FLY.z * scale} textAnchor="middle" fontSize={3.5} fill="#b71c1c">
        {t('demos.fly-drone.scene.noFly')}
      </text>
      <rect x={-5} y={-4} width={10} height={5} fill="#fff" stroke="#1f8a8a" />
      <text y={5} textAnchor="middle" fontSize={3.5} fill="#2b2b40">
        {t('demos.fly-drone.scene.school')}
      </text>
      <g transform={`translate(${model.x * scale} ${model.z * scale}) rotate(${(-model.heading * 180) / Math.PI})`}>
        <path d="M0 -3 L2.4 2.4 L0 1.2 L-2.4 2.4 Z" fill="#f3a712" stroke="#2b2b40" strokeWidth={0.4} />
      </g>
      <g transform="translate(56 -60)">
        <rect width={6} height={120} fill="#fff" stroke="#2b2b40" strokeWidth={0.4} />
        <rect y={120 - (model.altitude / 150) * 120} width={6} height={(model.altitude / 150) * 120} fill="#f3a712" />
        <line x1={-2} x2={8} y1={120 - (ALTITUDE_LIMIT_M / 150) * 120} y2={120 - (ALTITUDE_LIMIT_M / 150) * 120} stroke="#d62828" strokeWidth={0.8} />
      </g>
    </svg>
  );
}

function LookImage({ model, image }: { model: LookAround; image: string }) {
  const { t } = useTranslation();
  const last = useRef<{ x: number; y: number } | null>(null);
  const [loaded, setLoaded] = useState('');
  const src = loaded && loaded === image ? image : samplePanoramaUrl();
  useEffect(() => {
    if (!image || !isLocalImage(image)) return;
    // Show the built-in picture until the imported one has really loaded (a broken one never replaces it).
    const probe = new Image();
    probe.onload = () => {
      model.picture = 'imported';
      setLoaded(image);
    };
    probe.src = image;
  }, [image, model]);
  // The panorama scrolls sideways as you turn: a full turn is one image width.
  const shift = `${(-model.yaw / (Math.PI * 2)) * 100}%`;
  const pane = (key: string) => (
    <div key={key} className="look-pane" style={{ backgroundImage: `url("${src}")`, backgroundPositionX: shift, backgroundPositionY: `${50 - (model.pitch / 1.35) * 40}%` }} />
  );
  return (
    <div
      className={`look-2d ${model.stereo ? 'stereo' : ''}`}
      role="img"
      aria-label={t('demos.look-around.title')}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        last.current = { x: e.clientX, y: e.clientY };
      }}
      onPointerMove={(e) => {
        if (!last.current) return;
        model.drag(e.clientX - last.current.x, e.clientY - last.current.y, e.currentTarget.clientWidth);
        last.current = { x: e.clientX, y: e.clientY };
      }}
      onPointerUp={() => (last.current = null)}
    >
      {model.stereo ? [pane('left'), pane('right')] : pane('one')}
    </div>
  );
}

export function Fallback2D({ model, options }: { model: AnyDemoModel; options: Record<string, string | number | boolean> }) {
  useFrameLoop(model, true);
  switch (model.id) {
    case 'packet-journey':
      return <PacketSvg model={model} />;
    case 'wifi-signals':
      return <WifiSvg model={model} />;
    case 'photo-copies':
      return <PhotoSvg model={model} />;
    case 'fly-drone':
      return <DroneSvg model={model} />;
    case 'look-around':
      return <LookImage model={model} image={typeof options.image === 'string' ? options.image : ''} />;
  }
}
