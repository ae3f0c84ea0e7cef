import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Load a screen's data from the API once on mount, and again on reload(); with loading and
 * error states. `load` is read when a load starts, so it may close over current props.
 */
export function useAsync<T>(load: () => Promise<T>) {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ data?: T; error?: Error; version: number }>({ version: -1 });
  useEffect(() => {
    let cancelled = false;
    load().then(
      (data) => !cancelled && setState({ data, version }),
      (error: Error) => !cancelled && setState({ error, version }),
    );
    return () => {
      cancelled = true;
    };
    // Reload only on request: `load` is a new closure on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  // The same reload function on every render, so an effect can depend on it.
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.error, loading: state.version !== version, reload };
}

/** Call reload() when `value` changes after the first render (e.g. the app's language: data worded on the server). */
export function useReloadOnChange(value: unknown, reload: () => void) {
  const seen = useRef(value);
  useEffect(() => {
    if (Object.is(seen.current, value)) return;
    seen.current = value;
    reload();
  }, [value, reload]);
}
