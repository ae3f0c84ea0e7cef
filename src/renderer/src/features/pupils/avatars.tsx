import type { ReactElement } from 'react';
import { avatarParts, type AvatarColour, type AvatarPicture } from '../../../../shared/avatars';
import { MORE_ART } from './avatarsMore';

// Original avatars drawn for Kite Classroom: animals and objects on a coloured disc, no people.
// Decorative: the pupil's name is always next to them.
const decorative = { 'aria-hidden': true, focusable: false } as const;
const EYES = (
  <>
    <circle cx="25" cy="31" r="3" fill="#2b2b40" />
    <circle cx="39" cy="31" r="3" fill="#2b2b40" />
  </>
);

const ART: Record<AvatarPicture, { bg: string; art: ReactElement }> = {
  ...MORE_ART,
  cat: {
    bg: '#fde2c4',
    art: (
      <>
        <path d="M16 22 L20 8 L28 18 Z M48 22 L44 8 L36 18 Z" fill="#f39c4a" />
        <circle cx="32" cy="34" r="17" fill="#f39c4a" />
        {EYES}
        <path d="M30 38 h4 l-2 2 z" fill="#c0392b" />
        <path d="M14 36 h8 M14 40 h8 M42 36 h8 M42 40 h8" stroke="#7a4a1e" strokeWidth="1.5" />
      </>
    ),
  },
  dog: {
    bg: '#e3eefc',
    art: (
      <>
        <ellipse cx="16" cy="30" rx="6" ry="12" fill="#8d5a32" />
        <ellipse cx="48" cy="30" rx="6" ry="12" fill="#8d5a32" />
        <circle cx="32" cy="33" r="16" fill="#c98b55" />
        {EYES}
        <ellipse cx="32" cy="40" rx="5" ry="3.5" fill="#2b2b40" />
      </>
    ),
  },
  rabbit: {
    bg: '#fbe3ee',
    art: (
      <>
        <ellipse cx="25" cy="14" rx="5" ry="12" fill="#fff" stroke="#e7a3bd" strokeWidth="2" />
        <ellipse cx="39" cy="14" rx="5" ry="12" fill="#fff" stroke="#e7a3bd" strokeWidth="2" />
        <circle cx="32" cy="37" r="15" fill="#fff" stroke="#e7a3bd" strokeWidth="2" />
        <circle cx="26" cy="35" r="2.5" fill="#2b2b40" />
        <circle cx="38" cy="35" r="2.5" fill="#2b2b40" />
        <circle cx="32" cy="41" r="2.5" fill="#e76f98" />
      </>
    ),
  },
  panda: {
    bg: '#dff3e4',
    art: (
      <>
        <circle cx="19" cy="19" r="6" fill="#2b2b40" />
        <circle cx="45" cy="19" r="6" fill="#2b2b40" />
        <circle cx="32" cy="34" r="17" fill="#fff" />
        <ellipse cx="25" cy="32" rx="5" ry="6" fill="#2b2b40" />
        <ellipse cx="39" cy="32" rx="5" ry="6" fill="#2b2b40" />
        <circle cx="25" cy="32" r="1.8" fill="#fff" />
        <circle cx="39" cy="32" r="1.8" fill="#fff" />
        <ellipse cx="32" cy="41" rx="3" ry="2" fill="#2b2b40" />
      </>
    ),
  },
  fish: {
    bg: '#d7f0fa',
    art: (
      <>
        <path d="M46 32 L58 22 V42 Z" fill="#f3a712" />
        <ellipse cx="30" cy="32" rx="19" ry="13" fill="#f3a712" />
        <path d="M30 20 q6 12 0 24" stroke="#e4572e" strokeWidth="3" fill="none" />
        <circle cx="20" cy="29" r="3" fill="#2b2b40" />
      </>
    ),
  },
  bird: {
    bg: '#fff4d6',
    art: (
      <>
        <circle cx="32" cy="34" r="16" fill="#29a3a3" />
        <path d="M30 10 q4 6 2 10 q-4 -4 -2 -10" fill="#29a3a3" />
        {EYES}
        <path d="M28 38 L36 38 L32 45 Z" fill="#f3a712" />
        <path d="M16 38 q-6 4 -2 10 q6 -2 6 -8" fill="#1f7a7a" />
      </>
    ),
  },
  frog: {
    bg: '#e6f5d0',
    art: (
      <>
        <circle cx="22" cy="22" r="8" fill="#5fa35a" />
        <circle cx="42" cy="22" r="8" fill="#5fa35a" />
        <ellipse cx="32" cy="38" rx="19" ry="14" fill="#5fa35a" />
        <circle cx="22" cy="22" r="4" fill="#fff" />
        <circle cx="42" cy="22" r="4" fill="#fff" />
        <circle cx="22" cy="22" r="2" fill="#2b2b40" />
        <circle cx="42" cy="22" r="2" fill="#2b2b40" />
        <path d="M22 42 q10 7 20 0" stroke="#2b2b40" strokeWidth="2.5" fill="none" strokeLinecap="round" />
      </>
    ),
  },
  bear: {
    bg: '#f4e4d4',
    art: (
      <>
        <circle cx="18" cy="19" r="7" fill="#8d5a32" />
        <circle cx="46" cy="19" r="7" fill="#8d5a32" />
        <circle cx="32" cy="35" r="17" fill="#8d5a32" />
        <ellipse cx="32" cy="41" rx="8" ry="6" fill="#d9b38c" />
        {EYES}
        <ellipse cx="32" cy="39" rx="3" ry="2" fill="#2b2b40" />
      </>
    ),
  },
  fox: {
    bg: '#fde8dc',
    art: (
      <>
        <path d="M14 14 L26 24 L14 34 Z M50 14 L38 24 L50 34 Z" fill="#e4572e" />
        <path d="M14 24 Q32 14 50 24 L32 52 Z" fill="#e4572e" />
        <path d="M20 32 L32 52 L44 32 Q32 38 20 32" fill="#fff" />
        <circle cx="25" cy="29" r="2.5" fill="#2b2b40" />
        <circle cx="39" cy="29" r="2.5" fill="#2b2b40" />
        <circle cx="32" cy="49" r="2.5" fill="#2b2b40" />
      </>
    ),
  },
  owl: {
    bg: '#e8e3f7',
    art: (
      <>
        <path d="M16 14 L22 22 M48 14 L42 22" stroke="#6b4e9b" strokeWidth="4" strokeLinecap="round" />
        <ellipse cx="32" cy="36" rx="17" ry="18" fill="#8a6cc0" />
        <circle cx="25" cy="31" r="6" fill="#fff" />
        <circle cx="39" cy="31" r="6" fill="#fff" />
        <circle cx="25" cy="31" r="3" fill="#2b2b40" />
        <circle cx="39" cy="31" r="3" fill="#2b2b40" />
        <path d="M29 38 L35 38 L32 43 Z" fill="#f3a712" />
      </>
    ),
  },
  turtle: {
    bg: '#dff3f1',
    art: (
      <>
        <circle cx="50" cy="36" r="6" fill="#8cc084" />
        <circle cx="52" cy="34" r="1.5" fill="#2b2b40" />
        <ellipse cx="20" cy="46" rx="4" ry="3" fill="#8cc084" />
        <ellipse cx="40" cy="46" rx="4" ry="3" fill="#8cc084" />
        <path d="M10 42 Q12 18 30 18 Q48 18 48 42 Z" fill="#3f8f50" />
        <path d="M20 30 h20 M30 20 v22 M16 38 h28" stroke="#a8d5a0" strokeWidth="2" />
      </>
    ),
  },
  bee: {
    bg: '#fff1c2',
    art: (
      <>
        <ellipse cx="24" cy="20" rx="8" ry="6" fill="#fff" stroke="#9ccfcf" strokeWidth="2" />
        <ellipse cx="40" cy="20" rx="8" ry="6" fill="#fff" stroke="#9ccfcf" strokeWidth="2" />
        <ellipse cx="32" cy="36" rx="16" ry="13" fill="#f3c012" />
        <path d="M26 24 v24 M38 24 v24" stroke="#2b2b40" strokeWidth="4" />
        <circle cx="21" cy="33" r="2" fill="#2b2b40" />
      </>
    ),
  },
  kite: {
    bg: '#fde2dc',
    art: (
      <>
        <path d="M32 8 L50 28 L32 48 L14 28 Z" fill="#e4572e" />
        <path d="M32 8 L50 28 L32 28 Z" fill="#f3a712" />
        <path d="M32 28 L14 28 L32 48 Z" fill="#29a3a3" />
        <path d="M32 48 q-4 5 2 8 q4 3 -1 6" stroke="#3b3b58" strokeWidth="2" fill="none" />
      </>
    ),
  },
  rocket: {
    bg: '#e3eefc',
    art: (
      <>
        <path d="M32 8 Q44 20 42 42 H22 Q20 20 32 8 Z" fill="#fff" stroke="#5a5a73" strokeWidth="2" />
        <circle cx="32" cy="26" r="5" fill="#29a3a3" />
        <path d="M22 34 L14 46 H22 Z M42 34 L50 46 H42 Z" fill="#e4572e" />
        <path d="M26 44 L32 56 L38 44 Z" fill="#f3a712" />
      </>
    ),
  },
  sunflower: {
    bg: '#e6f5d0',
    art: (
      <>
        <path d="M32 40 V60" stroke="#3f8f50" strokeWidth="4" />
        {[0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
          <ellipse key={a} cx="32" cy="14" rx="5" ry="9" fill="#f3c012" transform={`rotate(${a} 32 27)`} />
        ))}
        <circle cx="32" cy="27" r="8" fill="#8d5a32" />
      </>
    ),
  },
  boat: {
    bg: '#d7f0fa',
    art: (
      <>
        <path d="M32 10 V40" stroke="#5a5a73" strokeWidth="2.5" />
        <path d="M34 12 L50 36 H34 Z" fill="#fff" stroke="#5a5a73" strokeWidth="1.5" />
        <path d="M30 16 L18 36 H30 Z" fill="#f3a712" />
        <path d="M12 42 H52 L46 52 H18 Z" fill="#e4572e" />
        <path d="M6 56 q6 -4 12 0 q6 4 12 0 q6 -4 12 0 q6 4 12 0 q6 -4 6 0" stroke="#29a3a3" strokeWidth="2.5" fill="none" />
      </>
    ),
  },
};

/** The other discs a picture comes on: a strong colour with a dark ring (dashed for green), unlike the pale own discs. */
const DISCS: Record<AvatarColour, { bg: string; ring: string; dashed: boolean }> = {
  blue: { bg: '#9ccaf7', ring: '#1f5fa8', dashed: false },
  green: { bg: '#a6e39a', ring: '#2e7d32', dashed: true },
};

export function AvatarArt({ avatar, size = 64 }: { avatar: string; size?: number }) {
  const { picture, colour } = avatarParts(avatar);
  const { bg, art } = ART[picture] ?? ART.kite;
  const disc = colour ? DISCS[colour] : undefined;
  return (
    <svg {...decorative} className="avatar" width={size} height={size} viewBox="0 0 64 64">
      <circle cx="32" cy="32" r="32" fill={disc?.bg ?? bg} />
      {disc && <circle cx="32" cy="32" r="29.5" fill="none" stroke={disc.ring} strokeWidth="5" strokeDasharray={disc.dashed ? '7 4' : undefined} />}
      {art}
    </svg>
  );
}

/** The pictures of the 3-picture password: simple, clearly different shapes. */
const PICTURE_ART: Record<string, ReactElement> = {
  sun: (
    <>
      <circle cx="32" cy="32" r="12" fill="#f3a712" />
      <path d="M32 8 v8 M32 48 v8 M8 32 h8 M48 32 h8 M15 15 l6 6 M43 43 l6 6 M15 49 l6 -6 M43 21 l6 -6" stroke="#f3a712" strokeWidth="4" strokeLinecap="round" />
    </>
  ),
  moon: <path d="M40 10 A22 22 0 1 0 54 42 A18 18 0 1 1 40 10 Z" fill="#f3c012" />,
  star: <path d="M32 6 L39 24 L58 24 L43 36 L49 56 L32 44 L15 56 L21 36 L6 24 L25 24 Z" fill="#e4572e" />,
  tree: (
    <>
      <rect x="28" y="40" width="8" height="18" fill="#8d5a32" />
      <circle cx="32" cy="26" r="18" fill="#3f8f50" />
    </>
  ),
  apple: (
    <>
      <path d="M32 20 C18 12 8 26 14 42 C20 58 30 54 32 52 C34 54 44 58 50 42 C56 26 46 12 32 20 Z" fill="#d63b2f" />
      <path d="M32 20 Q32 12 38 8" stroke="#5a3a1e" strokeWidth="3" fill="none" />
      <ellipse cx="42" cy="12" rx="6" ry="3" fill="#3f8f50" />
    </>
  ),
  car: (
    <>
      <path d="M8 40 V32 L18 20 H44 L54 32 V40 Z" fill="#1565c0" />
      <path d="M21 23 H31 V31 H15 Z M35 23 H43 L50 31 H35 Z" fill="#d7f0fa" />
      <circle cx="20" cy="42" r="6" fill="#2b2b40" />
      <circle cx="44" cy="42" r="6" fill="#2b2b40" />
    </>
  ),
  house: (
    <>
      <path d="M10 30 L32 10 L54 30 Z" fill="#c8553d" />
      <rect x="16" y="30" width="32" height="24" fill="#fff6e5" stroke="#a05a2c" strokeWidth="2" />
      <rect x="28" y="38" width="8" height="16" fill="#a05a2c" />
    </>
  ),
  ball: (
    <>
      <circle cx="32" cy="32" r="22" fill="#29a3a3" />
      <path d="M10 32 h44 M32 10 q-14 22 0 44 M32 10 q14 22 0 44" stroke="#fff" strokeWidth="3" fill="none" />
    </>
  ),
  heart: <path d="M32 54 C10 38 6 26 12 18 C18 10 28 12 32 20 C36 12 46 10 52 18 C58 26 54 38 32 54 Z" fill="#e76f98" />,
};

export function PictureArt({ picture, size = 56 }: { picture: string; size?: number }) {
  return (
    <svg {...decorative} width={size} height={size} viewBox="0 0 64 64">
      {PICTURE_ART[picture]}
    </svg>
  );
}
