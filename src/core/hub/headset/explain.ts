import crypto from 'node:crypto';
import type http from 'node:http';
import { shortFingerprint } from '../../../shared/contract/hub';
import { parseMarkup, plainText } from '../../../shared/markup';
import { esc } from '../../county/server/html';
import { WARNING_PICTURE } from './picture';

/** Where a headset starts: plain HTTP on the hub's port, this page only; the app itself is /headset/ over HTTPS. */
export const EXPLAIN_PATH = '/headset';

/**
 * The QR code brings the join code in the address's fragment (#code=123456), which a browser never sends:
 * the code does not cross the network in clear. This one script (allowed by its hash, nothing else runs)
 * carries it on to the HTTPS link; without script the pupil types the code.
 */
const CARRY_CODE = "var m=/^#code=(\\d{6})$/.exec(location.hash);if(m)document.getElementById('go').hash='code='+m[1];";
/**
 * The same script reads the Chinese words aloud for pupils who read little: each speaker button says its
 * data-say text with the headset's Chinese voice. Without one the buttons stay hidden, never silent.
 */
const SPEAK =
  "var s=window.speechSynthesis,b=document.querySelectorAll('button[data-say]');" +
  "function show(){var v=s.getVoices().some(function(x){return /^zh/i.test(x.lang)});for(var i=b.length;i--;)b[i].hidden=!v}" +
  "if(s){show();s.addEventListener('voiceschanged',show);for(var i=b.length;i--;)b[i].onclick=function(){s.cancel();var u=new SpeechSynthesisUtterance(this.getAttribute('data-say'));u.lang='zh-CN';u.rate=0.9;s.speak(u)}}";
const PAGE_SCRIPT = CARRY_CODE + SPEAK;
const PAGE_SCRIPT_HASH = crypto.createHash('sha256').update(PAGE_SCRIPT).digest('base64');

/** The only page the hub sends in clear: one script known by its hash, no form, nothing from anywhere but itself. */
const PAGE_POLICY = `default-src 'none'; script-src 'sha256-${PAGE_SCRIPT_HASH}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A Host header that is only a name or address and a port (anything else is not put into the page). */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,250})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

const TEXT = {
  title: '{用|yòng} VR {眼镜|yǎn jìng}{上|shàng}{风筝|fēng zheng}{课堂|kè táng}',
  warning: '{下一步|xià yí bù}{会|huì}{出现|chū xiàn}{一个|yí gè}{警告|jǐng gào}。{别|bié}{担心|dān xīn}，{这|zhè}{是|shì}{老师|lǎo shī}{的|de}{电脑|diàn nǎo}。',
  press: '{先|xiān}{按|àn}“{高级|gāo jí}”，{再|zài}{按|àn}“{继续|jì xù}{前往|qián wǎng}”。',
  go: '{继续|jì xù}',
};

/** Markup ({汉字|pīn yīn}) as HTML ruby, every piece escaped. */
function ruby(source: string): string {
  return parseMarkup(source)
    .map((t) => (t.kind === 'break' ? '<br>' : t.kind === 'ruby' ? `<ruby>${[...t.base].map((c, i) => `${esc(c)}<rt>${esc(t.ruby.split(' ')[i] ?? '')}</rt>`).join('')}</ruby>` : esc(t.text)))
    .join('');
}

const SPEAKER = '<svg aria-hidden="true" width="30" height="30" viewBox="0 0 32 32"><path d="M5 12 h5 l7 -6 v20 l-7 -6 h-5 z" fill="currentColor"/><path d="M21 11 q4 5 0 10 M24 7 q8 9 0 18" stroke="currentColor" stroke-width="2.5" fill="none" stroke-linecap="round"/></svg>';

/** Chinese words with their pinyin, and a speaker button (hidden until the script finds a voice) that says them. */
const spoken = (source: string) => `${ruby(source)}<button type="button" class="say" data-say="${esc(plainText(source))}" aria-label="听一听 Listen" hidden>${SPEAKER}</button>`;

/** The page: one picture of the warning with the two buttons to press, a few words in both languages, and the way on. */
export function explainPage({ httpsUrl, fingerprint }: { httpsUrl: string; fingerprint: string }): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>风筝课堂 · Kite Classroom</title>
<style>
body{margin:0;font-family:"Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",sans-serif;background:#f4f6fb;color:#1b2a4a;display:flex;justify-content:center}
main{max-width:960px;padding:8px 32px 24px;text-align:center}
h1{font-size:32px;margin:4px 0 2px;letter-spacing:.12em}
.en{color:#4a5878;font-size:20px;margin:2px 0 8px}
.zh{font-size:26px;margin:6px 0 0;line-height:2.1;letter-spacing:.3em}
rt{font-size:13px;color:#4a5878;letter-spacing:0}
svg{width:100%;max-width:620px;height:auto;margin:4px 0}
a.go{display:inline-block;margin:10px 0 6px;min-width:260px;padding:20px 40px 14px;border-radius:999px;background:#1f6feb;color:#fff;font-size:32px;font-weight:700;text-decoration:none}
a.go:focus{outline:4px solid #ffb703;outline-offset:4px}
.go .en{color:#dfe9ff;font-size:22px;margin:0 0 0 10px;letter-spacing:0}
.go rt{color:#dfe9ff;font-size:14px}
.fp{font-size:15px;color:#4a5878;margin:8px 0 0}
code{font-size:17px;color:#1b2a4a;letter-spacing:.04em}
button.say{width:56px;height:56px;margin:0 0 0 10px;border:0;border-radius:50%;background:#e3ecff;color:#1f6feb;vertical-align:middle;cursor:pointer}
button.say:focus{outline:4px solid #ffb703;outline-offset:2px}
button.say[hidden]{display:none}
</style></head><body><main>
<h1>${spoken(TEXT.title)}</h1>
<p class="en">Kite Classroom on a VR headset</p>
${WARNING_PICTURE}
<p class="zh">${spoken(TEXT.warning)}</p>
<p class="en">Next you will see a warning. Don't worry: it is your teacher's computer.</p>
<p class="zh">${spoken(TEXT.press)}</p>
<p class="en">Press “Advanced”, then “Proceed”.</p>
<a class="go" id="go" href="${esc(httpsUrl)}">${ruby(TEXT.go)}<span class="en">Continue</span></a>
<p class="fp">老师可以对一对 · Teachers can compare: <code>${esc(shortFingerprint(fingerprint))}</code></p>
</main><script>${PAGE_SCRIPT}</script></body></html>`;
}

/**
 * The answer for a plain-HTTP request: GET /headset gets the page, anything else "not here". The way
 * on is the same host over HTTPS.
 */
export function answerPlainHttp(req: http.IncomingMessage, res: http.ServerResponse, fingerprint: string, fallbackHost: string): void {
  const url = new URL(req.url ?? '/', 'http://hub');
  const headers = { 'Cache-Control': 'no-store', 'Content-Security-Policy': PAGE_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' };
  if ((url.pathname !== EXPLAIN_PATH && url.pathname !== `${EXPLAIN_PATH}/`) || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    res.end('Not found. Headsets start at /headset.\n');
    return;
  }
  const host = HOST.test(req.headers.host ?? '') ? (req.headers.host as string) : fallbackHost;
  const httpsUrl = `https://${host}${EXPLAIN_PATH}/`;
  res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
  res.end(req.method === 'HEAD' ? undefined : explainPage({ httpsUrl, fingerprint }));
}
