// The bar at the top of every page: the product, the page's name, optional links, and the language switch.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <h1>
        <span class="product">{t('app.name')}</span> <span class="page-title">{title}</span>
      </h1>
      <div class="header-tools">
        {children}
        <LanguageSwitch />
      </div>
    </header>
  );
}
