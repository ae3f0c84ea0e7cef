import { useSyncExternalStore } from 'react';

export const ROUTES = ['home', 'lessons', 'lesson', 'gallery', 'demos', 'teacher', 'projector'] as const;
export type Route = (typeof ROUTES)[number];

function segments(): string[] {
  return window.location.hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
}

function current(): string {
  return window.location.hash;
}

function subscribe(callback: () => void) {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

/** Hash routing (#/route/param/…): works from kite:// and the browser host alike, and Back works. */
export function useLocation(): { route: Route; params: string[] } {
  useSyncExternalStore(subscribe, current);
  const [name = '', ...params] = segments();
  return (ROUTES as readonly string[]).includes(name) ? { route: name as Route, params } : { route: 'home', params: [] };
}

export function useRoute(): Route {
  return useLocation().route;
}

export function hrefFor(route: Route, ...params: string[]): string {
  if (route === 'home') return '#/';
  return `#/${[route, ...params].map(encodeURIComponent).join('/')}`;
}

export function navigate(route: Route, ...params: string[]): void {
  window.location.hash = hrefFor(route, ...params);
}
