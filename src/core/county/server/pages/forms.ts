import { fill } from '../../../../shared/messages';
import type { Receipt } from '../../../../shared/county/bundle';
import { html } from '../html';
import { COUNTY_TEXT } from '../text';
import { page, type PageContext } from './layout';

export type SignInNotice = { kind: 'wrong' } | { kind: 'locked'; seconds: number } | { kind: 'expired' } | undefined;

export function signInPage(ctx: PageContext, notice: SignInNotice, name = ''): string {
  const t = COUNTY_TEXT[ctx.lang];
  const text = notice?.kind === 'wrong' ? t.signIn.wrong : notice?.kind === 'locked' ? fill(t.signIn.locked, { seconds: notice.seconds }) : notice?.kind === 'expired' ? t.signIn.expired : '';
  return page(
    ctx,
    t.signIn.title,
    html`<div class="signin"><section class="card" aria-labelledby="h-signin"><h1 id="h-signin">${t.signIn.title}</h1><p class="sub">${t.signIn.intro}</p>
${text ? html`<div class="notice error" role="alert">${text}</div>` : ''}
<form class="stack" method="post" action="/sign-in?lang=${ctx.lang}">
<label>${t.signIn.name}<input type="text" name="name" autocomplete="username" required value="${name}"></label>
<label>${t.signIn.password}<input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">${t.signIn.submit}</button></form></section></div>`,
  );
}

export type UploadOutcome = { ok: true; receipt: Receipt; school: string; receiptId: string } | { ok: false; message: string; details?: string } | undefined;

export function uploadPage(ctx: PageContext, outcome: UploadOutcome): string {
  const t = COUNTY_TEXT[ctx.lang];
  const result = !outcome
    ? ''
    : outcome.ok
      ? html`<div class="notice ok" role="status"><p>${fill(t.upload.done, { school: outcome.school, added: outcome.receipt.added, again: outcome.receipt.again })}</p>
${outcome.receipt.gaps.length > 0 ? html`<p>${fill(t.upload.gaps, { count: outcome.receipt.gaps.length })}</p>` : ''}
<p><a class="csv" href="/receipts/${outcome.receiptId}.kreceipt" download>${t.upload.receipt}</a></p><p>${t.upload.receiptHint}</p></div>`
      : html`<div class="notice error" role="alert"><p>${t.upload.failed}</p><p>${outcome.message}</p>${outcome.details ? html`<p class="sub">${outcome.details}</p>` : ''}</div>`;
  return page(
    ctx,
    t.upload.title,
    html`<h1>${t.upload.title}</h1><p class="sub">${t.upload.intro}</p>${result}
<section class="card" aria-label="${t.upload.title}"><form class="stack" method="post" action="/upload?lang=${ctx.lang}" enctype="multipart/form-data">
<label>${t.upload.file}<input type="file" name="bundle" accept=".kbundle" required></label>
<button type="submit">${t.upload.submit}</button></form></section>`,
  );
}
