import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A page whose code is fetched the first time it is shown, so the first load carries only the sign-in
 * page and the frame. `load` names the page's own module (a dynamic import, one chunk per page).
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: await load() }));
}
