import fs from 'node:fs';
import { parseSrt, SrtError } from '../../core/telemetry/srt';
import { formatTrack, TELEMETRY_FORMATS, type TelemetryFormat } from '../../core/telemetry/export';
import { CliError, parse, type Command } from '../command';

export const telemetry: Command = {
  summary: 'print the flight track of a DJI .SRT telemetry file',
  usage: 'kite telemetry <file.srt> [--format json|csv|geojson]',
  async run(argv) {
    const { values, positionals } = parse(argv, { format: { type: 'string' } }, this.usage);
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new CliError(`give one .SRT file.\nusage: ${this.usage}`);
    const format = (values.format ?? 'json') as TelemetryFormat;
    if (!TELEMETRY_FORMATS.includes(format)) throw new CliError(`--format must be one of ${TELEMETRY_FORMATS.join(', ')}, not "${values.format}".`);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
    let track;
    try {
      track = parseSrt(text);
    } catch (error) {
      if (error instanceof SrtError) throw new CliError(`${file}: ${error.message}.`);
      throw error;
    }
    for (const warning of track.warnings) process.stderr.write(`warning: ${warning.text}\n`);
    process.stdout.write(formatTrack(track, format) + '\n');
  },
};
