// `/join/<code>`: reserved for participants joining a workshop session (issue #11, part B). Until sessions exist it
// says so, in both languages' page.
import { t } from '../i18n/i18n';
import { PageHeader } from '../components/PageHeader';

export function JoinPage({ code }: { code: string }) {
  return (
    <div class="page join">
      <PageHeader title={t('join.title')} />
      <main>
        <p>{t('join.unavailable', { code })}</p>
      </main>
    </div>
  );
}
