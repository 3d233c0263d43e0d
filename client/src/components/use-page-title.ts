import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n-context.js';

/** The tab's title names the page first, so several open tabs and screen-reader users can tell them apart. */
export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}
