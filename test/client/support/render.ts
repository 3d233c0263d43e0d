import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '../../../client/src/i18n/i18n-context.js';

/**
 * A component's markup as the browser would first draw it, inside the interface-language provider (the
 * language comes from the stubbed `window.location` and `localStorage`, or English). No DOM is needed: the
 * components' state lives in stores the tests drive directly.
 */
export function renderMarkup(element: ReactElement): string {
  return renderToStaticMarkup(createElement(I18nProvider, null, element));
}

/** An in-memory Storage (what localStorage offers), for drafts and remembered choices. */
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}
