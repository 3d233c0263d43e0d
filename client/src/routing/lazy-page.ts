import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const loaders: (() => Promise<unknown>)[] = [];

/**
 * A page whose code is fetched the first time it is shown, so the first load carries only the sign-in
 * page and the frame. `load` names the page's own module (a dynamic import, one chunk per page).
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyExoticComponent<ComponentType<P>> {
  loaders.push(load);
  return lazy(async () => ({ default: await load() }));
}

/**
 * Fetches every page's code in the background, for when the network is idle anyway (the sign-in page while
 * someone types): the page after sign-in then opens without waiting for its chunk. A failed fetch is left
 * alone; the page fetches its code again when shown.
 */
export function preloadPages(): void {
  for (const load of loaders) load().catch(() => undefined);
}
