import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A router of a few lines is enough for a handful of pages: the path lives in the History API, and
// components read it with useSyncExternalStore so every reader sees the same path in the same render.
const NAVIGATED = 'hiwa:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentPath = (): string => window.location.pathname;
const currentSearch = (): string => window.location.search;

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function useSearchParam(name: string): string {
  const search = useSyncExternalStore(subscribe, currentSearch);
  return new URLSearchParams(search).get(name) ?? '';
}

// A page with unsaved work asks before an in-app link leaves it (and the browser asks before a reload or
// close). One guard at a time: the page being shown.
let leaveGuard: (() => boolean) | undefined;

/** While `active`, leaving the page asks `question` first. */
export function useLeaveGuard(active: boolean, question: string): void {
  useEffect(() => {
    if (!active) return;
    const guard = () => window.confirm(question);
    leaveGuard = guard;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      if (leaveGuard === guard) leaveGuard = undefined;
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [active, question]);
}

/**
 * Goes to `to` in place. `leaving: 'unguarded'` is for a page that has just saved its work (the guard would
 * ask about work that is no longer unsaved).
 */
export function navigate(to: string, options: { replace?: boolean; leaving?: 'unguarded' } = {}): void {
  if (leaveGuard && options.leaving !== 'unguarded' && !leaveGuard()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

/**
 * The parameters of `path` if it matches `pattern` (e.g. `/patients/:id`), else undefined. Segments are
 * decoded, so an id with escaped characters comes back as it was.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const wanted = pattern.split('/').filter(Boolean);
  const actual = path.split('/').filter(Boolean);
  if (wanted.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of wanted.entries()) {
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(actual[index]);
    else if (segment !== actual[index]) return undefined;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link (open in a new tab still works) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={follow} {...rest} />;
}
