import { useCallback, useEffect, useState } from 'react';
import { api, ApiFailure } from '../api.js';

export type ApiData<T> =
  | { phase: 'loading' }
  | { phase: 'failed'; failure: ApiFailure }
  | { phase: 'ready'; data: T };

/** GETs `path` on mount and whenever `reload()` is called; `replace(data)` takes a fresh copy another request returned. */
export function useApiData<T>(path: string): [ApiData<T>, () => void, (data: T) => void] {
  const [state, setState] = useState<ApiData<T>>({ phase: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api<T>('GET', path)
      .then((data) => !cancelled && setState({ phase: 'ready', data }))
      .catch((error: unknown) => {
        if (cancelled) return;
        const failure = error instanceof ApiFailure ? error : new ApiFailure(0, 'unknown', '加载失败');
        setState({ phase: 'failed', failure });
      });
    return () => {
      cancelled = true;
    };
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const replace = useCallback((data: T) => setState({ phase: 'ready', data }), []);
  return [state, reload, replace];
}
