import { useEffect, useRef, type RefObject } from 'react';

/**
 * Keyboard focus for an item that moved to another place in the activity (a card tapped back to
 * the pool is drawn anew there): give the selector of its new element; it gets focus once drawn.
 */
export function useFocusLater(root: RefObject<HTMLElement | null>): (selector: string) => void {
  const target = useRef<string | undefined>(undefined);
  // After every render: the move that asked for it has been drawn.
  useEffect(() => {
    if (target.current === undefined) return;
    const element = root.current?.querySelector<HTMLElement>(target.current);
    target.current = undefined;
    element?.focus();
  });
  return (selector) => {
    target.current = selector;
  };
}

/** The selector of a drag item by its id (usePointerDrag's data-drag-item), inside `scope`. */
export const dragItem = (scope: string, id: string) => `${scope} [data-drag-item="${CSS.escape(id)}"]`;
