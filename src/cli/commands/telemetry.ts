import fs from 'node:fs';
import { parseSrt, SrtError } from '../../core/telemetry/srt';
import { formatTrack, TELEMETRY_FORMATS, type TelemetryFormat } from '../../core/telemetry/export';
import { CliError, parse, type Command } from '../args';
import { cliLanguage, say } from '../lang';

/** `kite telemetry`: loads only the parser (no SQLite, no zod): it is run on thousands of files by scripts. */
export const telemetry: Command = {
  usage: 'kite telemetry <file.srt> [--format json|csv|geojson]',
  async run(argv) {
    const { values, positionals } = parse(argv, { format: { type: 'string' } }, this.usage);
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new CliError(`${say('cli.telemetry.oneFile')}\nusage: ${this.usage}`);
    const format = (values.format ?? 'json') as TelemetryFormat;
    if (!TELEMETRY_FORMATS.includes(format)) throw new CliError(say('cli.telemetry.format', { formats: TELEMETRY_FORMATS.join(', '), value: values.format }));
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(say('cli.telemetry.unreadable', { file, code: (error as NodeJS.ErrnoException).code ?? String(error) }));
    }
    let track;
    try {
      track = parseSrt(text);
    } catch (error) {
      // In English the parser's reason is the sentence; in Chinese it goes on the details line.
      if (error instanceof SrtError) throw new CliError(say(`cli.telemetry.problem.${error.problem}`, { file, reason: error.message }), cliLanguage() === 'en' ? undefined : error.message);
      throw error;
    }
    for (const warning of track.warnings) process.stderr.write(`${say('cli.warning', { text: say(`cli.telemetry.note.${warning.code}`, { ...warning }) })}\n`);
    process.stdout.write(formatTrack(track, format) + '\n');
  },
};
