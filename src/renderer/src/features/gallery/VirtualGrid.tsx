import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props<T> {
  items: T[];
  keyOf: (item: T) => string;
  render: (item: T, tabIndex: 0 | -1) => ReactNode;
  /** Smallest card width; the grid fits as many columns as it can. */
  minWidth: number;
  /** Card height for a given card width (thumbnail 16:9 plus its text). */
  heightFor: (width: number) => number;
  gap?: number;
  label: string;
}

const OVERSCAN_ROWS = 2;

/**
 * A grid that renders only the rows in view (plus a few), so 2,000 items cost the same as 20.
 * Keyboard: Tab lands on one card (roving tabindex); arrows, Home/End and Page Up/Down move.
 */
export function VirtualGrid<T>({ items, keyOf, render, minWidth, heightFor, gap = 16, label }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const focusAfterMove = useRef(false);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // The cards go inside the padding (room for the focus ring), so the padding is not theirs.
    const measure = () => {
      const style = getComputedStyle(el);
      setSize({ width: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight), height: el.clientHeight });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor((size.width + gap) / (minWidth + gap)));
  const cardWidth = columns > 0 ? (size.width - gap * (columns - 1)) / columns : minWidth;
  const rowHeight = heightFor(cardWidth) + gap;
  const rows = Math.ceil(items.length / columns);
  const firstRow = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS);
  const lastRow = Math.min(rows - 1, Math.ceil((scrollTop + size.height) / rowHeight) + OVERSCAN_ROWS);
  const current = Math.min(active, Math.max(0, items.length - 1));

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(items.length - 1, index));
      const el = scroller.current;
      if (el) {
        const top = Math.floor(next / columns) * rowHeight;
        if (top < el.scrollTop) el.scrollTop = top;
        else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
      }
      focusAfterMove.current = true;
      setActive(next);
    },
    [items.length, columns, rowHeight],
  );

  useEffect(() => {
    if (!focusAfterMove.current) return;
    focusAfterMove.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-index="${current}"] [tabindex="0"]`)?.focus();
  });

  const onKeyDown = (event: KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor(size.height / rowHeight));
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      ArrowDown: current + columns,
      ArrowUp: current - columns,
      PageDown: current + columns * pageRows,
      PageUp: current - columns * pageRows,
      Home: 0,
      End: items.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  const cells: ReactNode[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    for (let col = 0; col < columns; col++) {
      const index = row * columns + col;
      const item = items[index];
      if (item === undefined) break;
      cells.push(
        <div
          key={keyOf(item)}
          role="listitem"
          aria-setsize={items.length}
          aria-posinset={index + 1}
          data-index={index}
          className="vgrid-cell"
          style={{ transform: `translate(${col * (cardWidth + gap)}px, ${row * rowHeight}px)`, width: cardWidth, height: rowHeight - gap }}
          onFocus={() => index !== current && setActive(index)}
        >
          {render(item, index === current ? 0 : -1)}
        </div>,
      );
    }
  }

  return (
    <div ref={scroller} className="vgrid" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onKeyDown={onKeyDown}>
      <div role="list" aria-label={label} className="vgrid-inner" style={{ height: rows * rowHeight }}>
        {cells}
      </div>
    </div>
  );
}
