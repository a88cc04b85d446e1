// A value the page re-reads from the API every few milliseconds while it is shown (session status, scores).
import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

/** `load` now and every `everyMs`; the signal holds the last answer (null before the first), errors keep the last. */
export function usePolled<T>(load: (() => Promise<T>) | null, everyMs: number, deps: unknown[]): { value: Signal<T | null>; error: Signal<unknown>; reload: () => Promise<void> } {
  const value = useSignal<T | null>(null);
  const error = useSignal<unknown>(null);
  let reload = async () => undefined as void;
  if (load) {
    reload = async () => {
      try {
        value.value = await load();
        error.value = null;
      } catch (failure) {
        error.value = failure;
      }
    };
  }
  useEffect(() => {
    if (!load) return;
    void reload();
    const timer = setInterval(() => void reload(), everyMs);
    return () => clearInterval(timer);
  }, deps);
  return { value, error, reload };
}
