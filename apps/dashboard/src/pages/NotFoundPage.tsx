// Any other address: say so and offer the console.
import { t } from '../i18n/i18n';
import { PageHeader } from '../components/PageHeader';

export function NotFoundPage() {
  return (
    <div class="page not-found">
      <PageHeader title="" />
      <main>
        <p>{t('app.notFound')}</p>
        <a href="/">{t('app.backToConsole')}</a>
      </main>
    </div>
  );
}
