import { useRef, type ReactNode } from 'react';

/**
 * A big button you can tap (a short move) or hold (keeps moving until released). Keyboard Enter or
 * Space gives the short move. Never depends on hover.
 */
export function HoldButton({ label, onPress, onRelease, children, className = '' }: {
  label: string;
  onPress: () => void;
  /** Called with how long the button was held (0 for keyboard). */
  onRelease: (heldMs: number) => void;
  children: ReactNode;
  className?: string;
}) {
  const pressedAt = useRef(0);
  const release = () => {
    if (!pressedAt.current) return;
    const held = performance.now() - pressedAt.current;
    pressedAt.current = 0;
    onRelease(held);
  };
  return (
    <button
      type="button"
      className={`demo-pad-button ${className}`}
      aria-label={label}
      title={label}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        pressedAt.current = performance.now();
        onPress();
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onClick={(e) => {
        // detail 0: activated from the keyboard (no pointer press came first).
        if (e.detail === 0) {
          onPress();
          onRelease(0);
        }
      }}
      onContextMenu={(e) => e.preventDefault()}
    >
      {children}
    </button>
  );
}
