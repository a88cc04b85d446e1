// 中文 / English: switches every page's strings; the choice is remembered across reloads.
import { LANGUAGES, language, setLanguage, t } from '../i18n/i18n';

const NAMES = { zh: '中文', en: 'English' } as const;

export function LanguageSwitch() {
  return (
    <div class="language-switch" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((code) => (
        <button type="button" key={code} lang={code === 'zh' ? 'zh-CN' : 'en'} aria-pressed={language.value === code} data-language={code} onClick={() => setLanguage(code)}>
          {NAMES[code]}
        </button>
      ))}
    </div>
  );
}
