/**
 * Subtitles: packs may ship WebVTT or SRT; browsers play only WebVTT, so the player converts SRT.
 * Pure and forgiving: a broken cue is dropped, never the whole file.
 */

const SRT_TIME = /(\d{1,2}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})/;
const SRT_TIMING = new RegExp(`^\\s*${SRT_TIME.source}\\s*-->\\s*${SRT_TIME.source}`);

function vttTime(h: string, m: string, s: string, ms: string): string {
  const pad = (v: string, n: number) => v.padStart(n, '0');
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${ms.padEnd(3, '0')}`;
}

/** Convert SRT text to WebVTT text. Cue numbers go, commas in times become dots, markup stays text. */
export function srtToVtt(srt: string): string {
  const blocks = srt.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const cues: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const timingIndex = lines.findIndex((l) => SRT_TIMING.test(l));
    if (timingIndex < 0 || timingIndex > 1) continue;
    const t = SRT_TIMING.exec(lines[timingIndex] as string) as RegExpExecArray;
    const text = lines
      .slice(timingIndex + 1)
      // "-->" would end a cue early in VTT; & and < would be read as markup.
      .map((l) => l.replace(/-->/g, '→').replace(/&/g, '&amp;').replace(/</g, '&lt;'))
      .join('\n');
    if (!text) continue;
    cues.push(`${vttTime(t[1]!, t[2]!, t[3]!, t[4]!)} --> ${vttTime(t[5]!, t[6]!, t[7]!, t[8]!)}\n${text}`);
  }
  return `WEBVTT\n\n${cues.join('\n\n')}${cues.length ? '\n' : ''}`;
}

/** True if the text already is WebVTT. */
export function isVtt(text: string): boolean {
  return /^\uFEFF?WEBVTT(\s|$)/.test(text);
}
