import type { Camera, TelemetryPoint } from '../../shared/telemetry';
import { formatShutter, seconds, setPosition, type ReadBlock } from './srt-block';

const N = '([-+]?\\d+(?:\\.\\d+)?)';
/**
 * One whole Mavic 3 block, exactly as the drone writes it, from its index to the blank line after it.
 * Sticky: each block must start where the last one ended, so a file is either all this layout or not at all.
 */
const MAVIC3_BLOCK = new RegExp(
  [
    '(\\d+)\\n',
    '(\\d+):(\\d\\d):(\\d\\d),(\\d{3}) --> (\\d+):(\\d\\d):(\\d\\d),(\\d{3})\\n',
    '<font size="\\d+">FrameCnt: \\d+, DiffTime: \\d+ms\\n',
    '(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\n',
    '\\[iso: (\\d+)\\] \\[shutter: (1/\\d+(?:\\.\\d+)?)\\] \\[fnum: (\\d+\\.\\d+)\\] \\[ev: ([-+]?\\d+(?:/\\d+)?(?:\\.\\d+)?)\\] ',
    '\\[ct: \\d+\\] \\[color_md : \\w+\\] \\[focal_len: (\\d+\\.\\d+)\\] ',
    `\\[latitude: ${N}\\] \\[longitude: ${N}\\] \\[rel_alt: ${N} abs_alt: ${N}\\] </font>`,
    '(?:\\n\\n+|\\n?$)',
  ].join(''),
  'y',
);

/**
 * The fast path for the commonest large file, a Mavic 3 recording (a block every frame: 12,000+ in ten
 * minutes): one pattern a block instead of a dozen, and no copies of the whole text. It gives exactly
 * what the general path gives (a test compares both on every fixture); undefined when any block differs,
 * and the general path reads the file instead.
 */
export function readMavic3(text: string): ReadBlock[] | undefined {
  if (!text.startsWith('1\n')) return undefined;
  const blocks: ReadBlock[] = [];
  MAVIC3_BLOCK.lastIndex = 0;
  while (MAVIC3_BLOCK.lastIndex < text.length) {
    const m = MAVIC3_BLOCK.exec(text);
    if (!m) return undefined;
    const camera: Camera = { iso: Number(m[12]), shutter: formatShutter(m[13]!), fnum: Number(m[14]), ev: m[15], focalLength: Number(m[16]) };
    // The same properties in the same order as the general path, so the JSON printed is the same.
    const point: Omit<TelemetryPoint, 't'> = { camera, time: `${m[10]}T${m[11]}` };
    setPosition(point, Number(m[17]), Number(m[18]));
    point.height = Number(m[19]);
    point.altitude = Number(m[20]);
    blocks.push({
      block: { index: Number(m[1]), start: seconds(m[2], m[3], m[4], m[5]), end: seconds(m[6], m[7], m[8], m[9]), payload: '' },
      parsed: { family: 'mavic3', point },
    });
  }
  return blocks;
}
