// How a lever change is named on charts and in the feed: the lever's name and its new value, in the page's language.
import type { AppliedLever } from '../api/contracts';
import { bilingual, t, type TermKey } from '../i18n/i18n';
import { formatLeverValue, leverOf } from './levers';

/** The lever's name (or its path when the console does not show it). */
export function leverName(path: string): string {
  const lever = leverOf(path);
  return lever ? t(`levers.${lever.label}`) : path;
}

/** A lever's value: a percentage, a number, or a choice's term in the page's language. */
export function leverValueText(path: string, value: unknown): string {
  const lever = leverOf(path);
  if (lever?.kind === 'choice' && lever.options.includes(value as TermKey)) return bilingual(value as TermKey).main;
  return formatLeverValue(lever, value);
}

/** `Standards adoption → 80 %`. */
export function leverLabel(lever: Pick<AppliedLever, 'path' | 'value'>): string {
  return `${leverName(lever.path)} → ${leverValueText(lever.path, lever.value)}`;
}
