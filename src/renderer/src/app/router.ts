import { useSyncExternalStore } from 'react';

export const ROUTES = ['home', 'lessons', 'gallery', 'demos', 'teacher'] as const;
export type Route = (typeof ROUTES)[number];

function current(): Route {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
}

function subscribe(callback: () => void) {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

/** Hash routing: works from kite:// and the browser host alike, and the back button works. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

export function hrefFor(route: Route): string {
  return route === 'home' ? '#/' : `#/${route}`;
}
