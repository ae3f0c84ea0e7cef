import type { DemoId } from './model/types';

// Small original pictures for the demo list. Decorative: hidden from screen readers.
const decorative = { 'aria-hidden': true, focusable: false, viewBox: '0 0 160 100', className: 'tile-art' } as const;

export function DemoArt({ demo }: { demo: DemoId }) {
  switch (demo) {
    case 'packet-journey':
      return (
        <svg {...decorative}>
          <rect width="160" height="100" rx="14" fill="#dff3f1" />
          <path d="M22 60 H138" stroke="#2f7ed8" strokeWidth="4" />
          <rect x="8" y="42" width="28" height="20" rx="3" fill="#2b2b40" />
          <rect x="126" y="36" width="18" height="32" rx="4" fill="#2b2b40" />
          {['#e4572e', '#f3a712', '#1f8a8a'].map((c, i) => (
            <g key={c} transform={`translate(${52 + i * 24} ${44 - (i % 2) * 8})`}>
              <rect width="16" height="16" rx="3" fill={c} />
              <text x="8" y="12" textAnchor="middle" fontSize="11" fill="#fff" fontWeight="bold">{i + 1}</text>
            </g>
          ))}
        </svg>
      );
    case 'wifi-signals':
      return (
        <svg {...decorative}>
          <rect width="160" height="100" rx="14" fill="#fdf1d8" />
          <path d="M40 80 V45 L70 25 L100 45 V80 Z" fill="#fff" stroke="#8d6e4a" strokeWidth="3" />
          {[18, 30, 42].map((r) => (
            <path key={r} d={`M${70 - r} ${62 - r * 0.4} Q70 ${62 - r * 1.2} ${70 + r} ${62 - r * 0.4}`} stroke="#1f8a8a" strokeWidth="4" fill="none" strokeLinecap="round" />
          ))}
          <rect x="60" y="62" width="20" height="10" rx="2" fill="#2b2b40" />
          <rect x="118" y="50" width="26" height="34" rx="4" fill="#2b2b40" />
        </svg>
      );
    case 'photo-copies':
      return (
        <svg {...decorative}>
          <rect width="160" height="100" rx="14" fill="#eef0fb" />
          {[20, 62, 104].map((x, i) => (
            <g key={x} transform={`translate(${x} ${22 + (i % 2) * 12})`}>
              <rect width="36" height="28" fill="#6cc3f0" stroke="#fff" strokeWidth="3" />
              <path d="M0 28 Q18 14 36 28 Z" fill="#6fbf5a" />
              <path d="M16 4 l5 6 l-5 6 l-5 -6 z" fill="#e4572e" />
            </g>
          ))}
          <path d="M40 80 h80" stroke="#7b5ea7" strokeWidth="4" strokeDasharray="6 6" />
        </svg>
      );
    case 'fly-drone':
      return (
        <svg {...decorative}>
          <rect width="160" height="100" rx="14" fill="#d9efff" />
          <path d="M0 80 Q40 55 80 75 T160 70 V100 H0 Z" fill="#6fbf5a" />
          <rect x="64" y="30" width="32" height="10" rx="4" fill="#f3a712" />
          <path d="M50 28 h20 M90 28 h20" stroke="#2b2b40" strokeWidth="4" strokeLinecap="round" />
          <path d="M20 18 h120" stroke="#d62828" strokeWidth="2" strokeDasharray="5 4" />
        </svg>
      );
    case 'look-around':
      return (
        <svg {...decorative}>
          <rect width="160" height="100" rx="14" fill="#cdeeff" />
          <path d="M0 70 Q30 50 60 66 T120 60 T160 64 V100 H0 Z" fill="#5f9e4f" />
          <rect x="40" y="34" width="80" height="34" rx="14" fill="#2b2b40" />
          <circle cx="62" cy="51" r="10" fill="#9fd8f5" />
          <circle cx="98" cy="51" r="10" fill="#9fd8f5" />
        </svg>
      );
  }
}

/** A finger dragging sideways: "drag the picture" for a pupil who cannot read yet. */
export const DragHand = () => (
  <svg aria-hidden="true" width="56" height="40" viewBox="0 0 56 40" className="drag-hand">
    <path d="M4 10h14M4 10l5-5M4 10l5 5M52 10H38M52 10l-5-5M52 10l-5 5" stroke="currentColor" strokeWidth="3" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    <path d="M24 38c-4-4-8-9-8-12 0-2 2-3 4-1l3 3V12a2.5 2.5 0 0 1 5 0v9l9 2c2 .5 3 2 3 4l-1 11z" fill="#fff" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
  </svg>
);
