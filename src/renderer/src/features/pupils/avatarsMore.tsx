import type { ReactElement } from 'react';

// More original avatar pictures (animals, no people), so a big class needs fewer coloured discs.
const EYES = (
  <>
    <circle cx="25" cy="31" r="3" fill="#2b2b40" />
    <circle cx="39" cy="31" r="3" fill="#2b2b40" />
  </>
);

export const MORE_ART: Record<'duck' | 'pig' | 'elephant' | 'lion' | 'sheep' | 'snail' | 'whale' | 'butterfly', { bg: string; art: ReactElement }> = {
  duck: {
    bg: '#e0f2f1',
    art: (
      <>
        <circle cx="32" cy="32" r="17" fill="#ffd23f" />
        {EYES}
        <ellipse cx="32" cy="40" rx="9" ry="4" fill="#f08a24" />
        <path d="M30 14 q2 -6 6 -4 q-2 2 -2 5" fill="#ffd23f" />
      </>
    ),
  },
  pig: {
    bg: '#fff1c9',
    art: (
      <>
        <path d="M15 22 L19 10 L27 18 Z M49 22 L45 10 L37 18 Z" fill="#f4a3b8" />
        <circle cx="32" cy="34" r="17" fill="#f7b9c9" />
        {EYES}
        <ellipse cx="32" cy="41" rx="7" ry="5" fill="#e57f9c" />
        <circle cx="29.5" cy="41" r="1.6" fill="#8c3552" />
        <circle cx="34.5" cy="41" r="1.6" fill="#8c3552" />
      </>
    ),
  },
  elephant: {
    bg: '#fde2c4',
    art: (
      <>
        <ellipse cx="14" cy="32" rx="9" ry="13" fill="#9aa5b8" />
        <ellipse cx="50" cy="32" rx="9" ry="13" fill="#9aa5b8" />
        <circle cx="32" cy="30" r="15" fill="#aeb8c9" />
        {EYES}
        <path d="M29 38 q0 14 -6 16 q3 2 8 -1 q4 -4 3 -15 z" fill="#aeb8c9" />
      </>
    ),
  },
  lion: {
    bg: '#e3eefc',
    art: (
      <>
        <circle cx="32" cy="33" r="22" fill="#c8702a" />
        <circle cx="32" cy="34" r="15" fill="#f3b04a" />
        {EYES}
        <path d="M29 38 h6 l-3 3 z" fill="#6b3a14" />
        <path d="M32 41 v2 M32 43 q-3 2 -5 0 M32 43 q3 2 5 0" stroke="#6b3a14" strokeWidth="1.5" fill="none" />
      </>
    ),
  },
  sheep: {
    bg: '#dff3e4',
    art: (
      <>
        <path d="M14 30 a8 8 0 0 1 6 -12 a8 8 0 0 1 12 -4 a8 8 0 0 1 12 4 a8 8 0 0 1 6 12 a8 8 0 0 1 -4 12 a8 8 0 0 1 -10 8 a8 8 0 0 1 -8 0 a8 8 0 0 1 -10 -8 a8 8 0 0 1 -4 -12 z" fill="#fff" stroke="#c9c9d6" strokeWidth="2" />
        <ellipse cx="32" cy="35" rx="10" ry="12" fill="#4a4a5e" />
        <circle cx="28" cy="33" r="2.2" fill="#fff" />
        <circle cx="36" cy="33" r="2.2" fill="#fff" />
      </>
    ),
  },
  snail: {
    bg: '#fbe3ee',
    art: (
      <>
        <path d="M8 50 H50 q6 0 6 -6 V40 H8 z" fill="#b5d96a" />
        <circle cx="32" cy="30" r="16" fill="#c8702a" />
        <path d="M32 30 m-4 0 a4 4 0 1 1 8 0 a8 8 0 1 1 -16 0 a12 12 0 1 1 24 0" stroke="#7a3f12" strokeWidth="2.5" fill="none" />
        <path d="M50 40 V24 M56 40 V26" stroke="#8aa84a" strokeWidth="2.5" />
        <circle cx="50" cy="23" r="2.5" fill="#2b2b40" />
        <circle cx="56" cy="25" r="2.5" fill="#2b2b40" />
      </>
    ),
  },
  whale: {
    bg: '#fff4d6',
    art: (
      <>
        <path d="M8 34 q0 -16 24 -16 q22 0 22 16 q0 14 -22 14 q-12 0 -18 -4 l-8 6 l2 -10 z" fill="#3a7bd5" />
        <path d="M14 40 q18 8 38 -2" stroke="#d7f0fa" strokeWidth="3" fill="none" />
        <circle cx="40" cy="30" r="3" fill="#2b2b40" />
        <path d="M32 16 q-2 -6 -6 -8 M32 16 q2 -6 6 -8" stroke="#29a3a3" strokeWidth="2.5" fill="none" strokeLinecap="round" />
      </>
    ),
  },
  butterfly: {
    bg: '#e6f5d0',
    art: (
      <>
        <ellipse cx="20" cy="24" rx="11" ry="10" fill="#e4572e" />
        <ellipse cx="44" cy="24" rx="11" ry="10" fill="#e4572e" />
        <ellipse cx="22" cy="42" rx="8" ry="8" fill="#f3a712" />
        <ellipse cx="42" cy="42" rx="8" ry="8" fill="#f3a712" />
        <rect x="29.5" y="16" width="5" height="34" rx="2.5" fill="#2b2b40" />
        <path d="M31 16 q-4 -6 -8 -7 M33 16 q4 -6 8 -7" stroke="#2b2b40" strokeWidth="2" fill="none" strokeLinecap="round" />
      </>
    ),
  },
};
