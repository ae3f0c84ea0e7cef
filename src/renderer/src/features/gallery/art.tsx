// Original drawings for the drone gallery. Decorative unless given a label.
const decorative = { 'aria-hidden': true, focusable: false } as const;

/** A placeholder thumbnail: a little drone over hills. */
export function DroneArt() {
  return (
    <svg {...decorative} viewBox="0 0 160 90" className="drone-art" preserveAspectRatio="xMidYMid slice">
      <rect width="160" height="90" fill="#dff3f1" />
      <path d="M0 70 Q40 48 80 66 T160 60 V90 H0 Z" fill="#9fd3b0" />
      <path d="M0 80 Q50 62 100 78 T160 76 V90 H0 Z" fill="#6fb98a" />
      <g transform="translate(80 34)">
        <rect x="-12" y="-4" width="24" height="9" rx="4" fill="#3b3b58" />
        <path d="M-11 -2 L-26 -8 M11 -2 L26 -8" stroke="#3b3b58" strokeWidth="3" strokeLinecap="round" />
        <ellipse cx="-27" cy="-10" rx="10" ry="2.5" fill="#e4572e" />
        <ellipse cx="27" cy="-10" rx="10" ry="2.5" fill="#e4572e" />
        <circle cx="0" cy="6" r="3" fill="#f3a712" />
      </g>
    </svg>
  );
}

function Badge({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <span className="badge" title={label}>
      <svg {...decorative} width="20" height="20" viewBox="0 0 24 24">
        {children}
      </svg>
      <span>{label}</span>
    </span>
  );
}

export function PanoramaBadge({ label }: { label: string }) {
  return (
    <Badge label={label}>
      <ellipse cx="12" cy="12" rx="10" ry="5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M18 8 l3 -1 l-1 3" fill="none" stroke="currentColor" strokeWidth="2" />
    </Badge>
  );
}

export function PhotoBadge({ label }: { label: string }) {
  return (
    <Badge label={label}>
      <rect x="3" y="6" width="18" height="13" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="12" cy="12.5" r="3.5" fill="none" stroke="currentColor" strokeWidth="2" />
    </Badge>
  );
}

export function TelemetryBadge({ label }: { label: string }) {
  return (
    <Badge label={label}>
      <path d="M3 19 Q8 6 12 12 T21 5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      <circle cx="21" cy="5" r="2" fill="currentColor" />
    </Badge>
  );
}
