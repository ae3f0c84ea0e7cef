import fs from 'node:fs';
import type { ImportReport } from '../../shared/contract/media';
import type { Track } from '../../shared/telemetry';
import { parseSrt, SrtError } from '../telemetry/srt';
import type { MediaProbe } from './probe';

const MAX_SRT_FILE = 64 * 1024 * 1024;
/** The player needs at most ten telemetry points a second. */
const TELEMETRY_STEP = 0.1;

/** Parse a video's .SRT sidecar; a broken one or one from another video is reported and left out, never fatal. */
export function readTelemetry(file: string, rel: string, probe: MediaProbe, report: ImportReport): Track | undefined {
  try {
    const { size } = fs.statSync(file);
    if (size > MAX_SRT_FILE) throw new SrtError('the file is too large for a telemetry file', 'srt_too_large');
    const track = parseSrt(fs.readFileSync(file, 'utf8'));
    const first = track.points[0]?.t ?? 0;
    if (probe.duration !== null && (first > probe.duration || track.duration > probe.duration * 1.1 + 2)) {
      const [covers, lasts] = [Math.round(track.duration), Math.round(probe.duration)];
      report.warnings.push({
        path: rel,
        reason: `the telemetry seems to belong to another video (it covers ${covers} s, the video lasts ${lasts} s); it was not attached`,
        code: 'telemetry_other_video',
        details: { covers, lasts },
      });
      return undefined;
    }
    for (const w of track.warnings) report.warnings.push({ path: rel, reason: w.text, code: `telemetry_${w.code}`, details: w.count === undefined ? {} : { count: w.count } });
    return track;
  } catch (error) {
    const reason = error instanceof SrtError ? error.message : `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    const problem = error instanceof SrtError ? error.problem : 'srt_unreadable';
    report.warnings.push({ path: rel, reason: `the telemetry was not used: ${reason}`, code: 'telemetry_not_used', details: { message: reason, problem } });
    return undefined;
  }
}

/** Keep at most ten points a second for the player (Mavic 3 writes fifty). */
export function thin(track: Track): Track {
  let last = -Infinity;
  const points = track.points.filter((p, i) => {
    if (i === track.points.length - 1 || p.t - last >= TELEMETRY_STEP) {
      last = p.t;
      return true;
    }
    return false;
  });
  return { ...track, points };
}
