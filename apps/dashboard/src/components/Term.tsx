// A model term in both languages — the page's language first, the other smaller: 不愿共享 unwilling.
import { bilingual, type TermKey } from '../i18n/i18n';

export function Term({ term }: { term: TermKey }) {
  const { main, other } = bilingual(term);
  return (
    <span class="term" data-term={term}>
      {main} <span class="term-other">{other}</span>
    </span>
  );
}
