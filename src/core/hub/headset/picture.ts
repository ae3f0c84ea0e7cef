/** One headset browser window: its frame, the address bar with a crossed-out lock, a calm amber sign and lines of text. */
function windowFrame(x: number): string {
  return `<g transform="translate(${x} 0)">
<rect x="0" y="10" width="330" height="270" rx="18" fill="#ffffff" stroke="#c9d2e3" stroke-width="3"/>
<rect x="14" y="24" width="302" height="30" rx="15" fill="#eef1f7"/>
<g transform="translate(30 31)"><rect x="0" y="7" width="14" height="11" rx="2" fill="#8a94a8"/><path d="M3 7v-3a4 4 0 0 1 8 0v3" fill="none" stroke="#8a94a8" stroke-width="2"/><path d="M-2 20L16 0" stroke="#d9534f" stroke-width="2.5"/></g>
<rect x="56" y="35" width="150" height="8" rx="4" fill="#c9d2e3"/>
<path d="M165 72l26 46h-52z" fill="#f4b740" stroke="#e09a1a" stroke-width="3" stroke-linejoin="round"/>
<rect x="163" y="86" width="4" height="16" rx="2" fill="#ffffff"/><circle cx="165" cy="108" r="2.6" fill="#ffffff"/>
<rect x="60" y="132" width="210" height="11" rx="5" fill="#9aa5bb"/>
<rect x="40" y="154" width="250" height="8" rx="4" fill="#d5dbe7"/>
<rect x="40" y="170" width="220" height="8" rx="4" fill="#d5dbe7"/>
</g>`;
}

/** A numbered yellow ring around the thing to press. */
function highlight(cx: number, cy: number, rx: number, ry: number, n: number): string {
  return `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="none" stroke="#ffb703" stroke-width="6"/>
<circle cx="${cx - rx + 4}" cy="${cy - ry - 2}" r="17" fill="#ffb703"/><text x="${cx - rx + 4}" y="${cy - ry + 5}" font-size="21" font-weight="700" text-anchor="middle" fill="#1b2a4a">${n}</text>`;
}

const FONT = 'font-family="Microsoft YaHei, Noto Sans CJK SC, sans-serif"';

/**
 * The picture on the headset's first page (src/core/hub/headset/explain.ts): the warning a headset's
 * browser shows for the hub's own certificate, twice. Left, press "高级 Advanced"; right, the page
 * opened further, press "继续前往 Proceed". Drawn for Kite; no browser's real screen.
 */
export const WARNING_PICTURE = `<svg role="img" aria-label="先按“高级 Advanced”，再按“继续前往 Proceed” · Press Advanced, then Proceed" viewBox="0 0 760 300" ${FONT}>
${windowFrame(10)}
<rect x="30" y="212" width="166" height="46" rx="23" fill="#ffffff" stroke="#1f6feb" stroke-width="3"/>
<text x="113" y="242" font-size="19" text-anchor="middle" fill="#1f6feb">高级 Advanced</text>
<rect x="212" y="212" width="108" height="46" rx="23" fill="#1f6feb"/>
<rect x="236" y="231" width="60" height="8" rx="4" fill="#dfe9ff"/>
${highlight(113, 235, 100, 36, 1)}
<path d="M356 145h36" stroke="#8a94a8" stroke-width="6" stroke-linecap="round"/><path d="M386 131l16 14-16 14" fill="none" stroke="#8a94a8" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>
${windowFrame(420)}
<rect x="460" y="196" width="220" height="8" rx="4" fill="#d5dbe7"/>
<text x="575" y="246" font-size="20" text-anchor="middle" fill="#1f6feb" text-decoration="underline">继续前往 Proceed</text>
${highlight(575, 240, 118, 32, 2)}
</svg>`;
