import type { Language } from '../../../../shared/languages';
import { fill } from '../../../../shared/messages';
import { html, type Html } from '../html';
import { COUNTY_TEXT } from '../text';

export interface PageContext {
  lang: Language;
  /** The signed-in viewer, if any (the nav shows their name and a sign-out button). */
  viewer?: string;
  /** This page's path with its query, for the language switch to come back to. */
  path: string;
}

const other = (lang: Language): Language => (lang === 'zh-CN' ? 'en' : 'zh-CN');

function withLang(path: string, lang: Language): string {
  const url = new URL(path, 'https://county');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

/** Every page's frame: skip link, header with the app's name, nav, language switch, main. */
export function page(ctx: PageContext, title: string, body: Html): string {
  const t = COUNTY_TEXT[ctx.lang];
  const nav = ctx.viewer
    ? html`<nav aria-label="${t.appName}"><ul>
        <li><a href="/dashboard">${t.nav.dashboard}</a></li>
        <li><a href="/upload">${t.nav.upload}</a></li>
      </ul>
      <span class="who">${fill(t.nav.signedInAs, { name: ctx.viewer })}</span>
      <form method="post" action="/sign-out"><button type="submit" class="quiet">${t.nav.signOut}</button></form></nav>`
    : '';
  return `<!doctype html>${html`<html lang="${ctx.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t.appName}</title>
<link rel="stylesheet" href="/county.css"></head>
<body><a class="skip" href="#main">${t.skip}</a>
<header class="top"><span class="brand">${t.appName}</span>${nav}
<a class="lang" href="${withLang(ctx.path, other(ctx.lang))}" lang="${other(ctx.lang)}" aria-label="${t.switchLang}: ${t.otherLang}">${t.otherLang}</a></header>
<main id="main">${body}</main></body></html>`}`;
}
