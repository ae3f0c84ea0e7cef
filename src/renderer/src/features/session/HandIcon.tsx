/** A raised hand, drawn for Kite Classroom (emoji are not on every classroom PC). Decorative. */
export function HandIcon({ size = 32 }: { size?: number }) {
  return (
    <svg aria-hidden="true" focusable="false" width={size} height={size} viewBox="0 0 48 48" className="hand-svg">
      <path
        d="M14 26 V12 a3 3 0 0 1 6 0 V22 V8 a3 3 0 0 1 6 0 V22 V10 a3 3 0 0 1 6 0 V24 V16 a3 3 0 0 1 6 0 V30 c0 9 -6 15 -14 15 c-6 0 -10 -3 -13 -8 l-6 -10 a3 3 0 0 1 5 -3 z"
        fill="#ffd28a"
        stroke="#7a4a00"
        strokeWidth="2.2"
        strokeLinejoin="round"
      />
    </svg>
  );
}
