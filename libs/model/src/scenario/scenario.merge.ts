// `extends:` — a scenario file may start from another one and change only what differs.
import { ScenarioError } from './scenario-error';
import { forbiddenKeyReason } from './scenario.paths';

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Deep merge of scenario inputs: objects merge key by key, everything else (lists included) is replaced. The result
 * is built from own keys with define semantics; a key such as `__proto__` (YAML and JSON make it an ordinary own key)
 * is refused with a {@link ScenarioError} from `source` rather than turned into a prototype.
 */
export function mergeScenarioInput(base: unknown, override: unknown, source = 'scenario', at = ''): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const entries = Object.entries(override).map(([key, value]): [string, unknown] => {
    const path = at ? `${at}.${key}` : key;
    const forbidden = forbiddenKeyReason(key);
    if (forbidden) throw new ScenarioError(source, [{ path, message: forbidden }]);
    return [key, Object.hasOwn(base, key) ? mergeScenarioInput(base[key], value, source, path) : value];
  });
  return { ...base, ...Object.fromEntries(entries) };
}
