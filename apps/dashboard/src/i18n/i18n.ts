// Languages of the page: i18next with the strings of en.ts and zh.ts, the choice remembered in localStorage
// (i18next-browser-languagedetector), and a signal so every component that translates re-renders on a switch.
import { signal } from '@preact/signals';
import i18next, { type TFunction } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { en } from './en';
import { zh } from './zh';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

/** The page's languages, in the order the switch shows them. */
export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the choice is remembered across reloads. */
export const LANGUAGE_STORAGE_KEY = 'silolab.language';

/** The language in force; reading it in a render subscribes the component to switches. */
export const language = signal<Language>('en');

/** Starts i18next (synchronously: the strings are bundled) with the remembered or the browser's language. */
export function initI18n(): void {
  void i18next.use(LanguageDetector).init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: LANGUAGE_STORAGE_KEY, caches: ['localStorage'] },
  });
  const current = (i18next.resolvedLanguage ?? 'en') as Language;
  language.value = current;
  document.documentElement.lang = htmlLang(current);
  i18next.on('languageChanged', (next) => {
    const resolved = (i18next.resolvedLanguage ?? next) as Language;
    document.documentElement.lang = htmlLang(resolved);
    language.value = resolved;
  });
}

/** Switches the page's language and remembers it. */
export function setLanguage(next: Language): void {
  void i18next.changeLanguage(next);
}

/** `zh-CN` for Chinese, so the browser picks Simplified Chinese glyphs from the CJK fonts. */
function htmlLang(value: Language): string {
  return value === 'zh' ? 'zh-CN' : 'en';
}

/** Translates in the current language; components calling it re-render when the language changes. */
export const t = ((...args: Parameters<TFunction>) => {
  void language.value;
  return (i18next.t as unknown as (...a: unknown[]) => string)(...args);
}) as TFunction;

/** The model's bilingual terms (terms.* keys). */
export type TermKey = keyof typeof en.terms;

/** A model term in the current language and in the other one: `{ main: '不愿共享', other: 'unwilling' }`. */
export function bilingual(term: TermKey): { main: string; other: string } {
  const current = language.value;
  const other: Language = current === 'zh' ? 'en' : 'zh';
  return { main: i18next.getFixedT(current)(`terms.${term}`), other: i18next.getFixedT(other)(`terms.${term}`) };
}

/** A term as one string for places that take only text (chart legends, select options): `不愿共享 · unwilling`. */
export function bilingualText(term: TermKey): string {
  const { main, other } = bilingual(term);
  return `${main} · ${other}`;
}
