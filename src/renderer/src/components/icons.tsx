// Original illustrations drawn for Kite Classroom. Decorative: hidden from screen readers.
const decorative = { 'aria-hidden': true, focusable: false } as const;

export function KiteLogo({ size = 44 }: { size?: number }) {
  return (
    <svg {...decorative} width={size} height={size} viewBox="0 0 64 64">
      <path d="M32 4 L54 26 L32 50 L10 26 Z" fill="#e4572e" />
      <path d="M32 4 L32 50 M10 26 L54 26" stroke="#fff6e5" strokeWidth="2.5" />
      <path d="M32 4 L54 26 L32 26 Z" fill="#f3a712" />
      <path d="M32 26 L10 26 L32 50 Z" fill="#29a3a3" />
      <path d="M32 50 C 28 55, 36 57, 31 62" stroke="#3b3b58" strokeWidth="2" fill="none" strokeLinecap="round" />
      <path d="M29 55 l-4 -2 l1 4 z M33 59 l4 -1 l-2 4 z" fill="#f3a712" />
    </svg>
  );
}

export function SpeakerIcon() {
  return (
    <svg {...decorative} width="28" height="28" viewBox="0 0 32 32">
      <path d="M5 12 h5 l7 -6 v20 l-7 -6 h-5 z" fill="currentColor" />
      <path d="M21 11 q4 5 0 10 M24 7 q8 9 0 18" stroke="currentColor" strokeWidth="2.5" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function LessonsArt() {
  return (
    <svg {...decorative} viewBox="0 0 160 110" className="tile-art">
      <rect x="0" y="0" width="160" height="110" rx="16" fill="#dff3f1" />
      <path d="M30 40 q25 -10 50 0 v50 q-25 -10 -50 0 z" fill="#ffffff" stroke="#29a3a3" strokeWidth="3" />
      <path d="M80 40 q25 -10 50 0 v50 q-25 -10 -50 0 z" fill="#ffffff" stroke="#29a3a3" strokeWidth="3" />
      <path d="M40 52 h30 M40 62 h26 M90 52 h30 M90 62 h24" stroke="#9ccfcf" strokeWidth="3" strokeLinecap="round" />
      <path d="M118 8 l14 14 l-14 16 l-14 -16 z" fill="#e4572e" />
      <path d="M118 38 q-6 8 0 14 q6 6 -2 12" stroke="#3b3b58" strokeWidth="1.5" fill="none" />
    </svg>
  );
}

export function GalleryArt() {
  return (
    <svg {...decorative} viewBox="0 0 160 110" className="tile-art">
      <rect x="0" y="0" width="160" height="110" rx="16" fill="#e3eefc" />
      <path d="M0 84 q40 -26 80 -8 q40 18 80 -6 v40 h-160 z" fill="#8cc084" />
      <path d="M0 96 q50 -14 100 0 q30 8 60 -2 v22 h-160 z" fill="#5fa35a" />
      <rect x="96" y="70" width="22" height="16" fill="#fff6e5" stroke="#a05a2c" strokeWidth="2" />
      <path d="M93 71 l14 -10 l14 10 z" fill="#c8553d" />
      <g transform="translate(62 22)">
        <rect x="-14" y="-4" width="28" height="9" rx="4" fill="#3b3b58" />
        <path d="M-24 -8 h16 M8 -8 h16" stroke="#3b3b58" strokeWidth="3" strokeLinecap="round" />
        <path d="M-16 -8 v5 M16 -8 v5" stroke="#3b3b58" strokeWidth="2" />
        <circle cx="0" cy="8" r="3" fill="#e4572e" />
      </g>
      <path d="M62 32 l-18 44 h36 z" fill="#ffffff" opacity="0.35" />
    </svg>
  );
}

export function DemosArt() {
  return (
    <svg {...decorative} viewBox="0 0 160 110" className="tile-art">
      <rect x="0" y="0" width="160" height="110" rx="16" fill="#fdf0d5" />
      <path d="M34 78 L80 30 L126 78 M34 78 H126 M80 30 V62 M34 78 L80 62 L126 78" stroke="#f3a712" strokeWidth="3" fill="none" />
      <circle cx="34" cy="78" r="10" fill="#29a3a3" />
      <circle cx="80" cy="30" r="10" fill="#e4572e" />
      <circle cx="126" cy="78" r="10" fill="#29a3a3" />
      <circle cx="80" cy="62" r="8" fill="#3b3b58" />
      <rect x="52" y="48" width="10" height="7" rx="2" fill="#3b3b58" transform="rotate(-45 57 51)" />
      <rect x="98" y="70" width="10" height="7" rx="2" fill="#e4572e" />
    </svg>
  );
}

export function TeacherIcon() {
  return (
    <svg {...decorative} width="26" height="26" viewBox="0 0 32 32">
      <rect x="4" y="5" width="24" height="16" rx="2" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M10 27 l6 -6 l6 6" stroke="currentColor" strokeWidth="2.5" fill="none" strokeLinecap="round" />
      <path d="M9 11 h9 M9 15 h6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function EmptyBoxArt() {
  return (
    <svg {...decorative} width="96" height="80" viewBox="0 0 96 80">
      <path d="M12 30 L48 18 L84 30 L48 42 Z" fill="#fff6e5" stroke="#a05a2c" strokeWidth="2.5" />
      <path d="M12 30 V62 L48 74 V42 Z" fill="#f3d9b1" stroke="#a05a2c" strokeWidth="2.5" />
      <path d="M84 30 V62 L48 74 V42 Z" fill="#e9c48f" stroke="#a05a2c" strokeWidth="2.5" />
      <path d="M64 8 l8 8 l-8 9 l-8 -9 z" fill="#e4572e" />
      <path d="M64 25 q-3 4 0 8" stroke="#3b3b58" strokeWidth="1.5" fill="none" />
    </svg>
  );
}
