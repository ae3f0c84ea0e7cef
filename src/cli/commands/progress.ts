import fs from 'node:fs';
import readline from 'node:readline';
import { once } from 'node:events';
import { createCore } from '../../core';
import { CliError, DATA_OPTION, dataDirFrom, parse, type Command } from '../command';

/** Write lines to a stream, waiting when it is full: memory stays flat for any amount of progress. */
async function writeAll(lines: Iterable<string>, out: NodeJS.WritableStream): Promise<void> {
  for (const line of lines) {
    if (!out.write(line)) await once(out, 'drain');
  }
}

export const progress: Command = {
  usage: 'kite progress export --format csv|json [--out FILE] [--data DIR] | kite progress merge <file> [--data DIR]',
  async run(argv) {
    const { values, positionals } = parse(argv, { ...DATA_OPTION, format: { type: 'string' }, out: { type: 'string' } }, this.usage);
    const [action, file] = positionals;
    if (action !== 'export' && action !== 'merge') throw new CliError(`say "export" or "merge".\nusage: ${this.usage}`);
    if (action === 'merge' && !file) throw new CliError(`name the progress file to merge.\nusage: ${this.usage}`);
    if (action === 'merge' && !fs.existsSync(file as string)) throw new CliError(`there is no file ${file}.`);
    const format = values.format ?? 'json';
    if (action === 'export' && format !== 'csv' && format !== 'json') throw new CliError(`--format must be csv or json, not "${format}".`);

    const core = createCore({ dataDir: dataDirFrom(values.data) });
    try {
      if (action === 'export') {
        const lines = format === 'csv' ? core.progress.transfer.csvLines() : core.progress.transfer.fileLines();
        const out = values.out ? fs.createWriteStream(values.out) : process.stdout;
        await writeAll(lines, out);
        if (values.out) {
          (out as fs.WriteStream).end();
          await once(out, 'close');
          process.stderr.write(`progress exported to ${values.out}\n`);
        }
        return 0;
      }
      const lines = () => readline.createInterface({ input: fs.createReadStream(file as string, 'utf8'), crlfDelay: Infinity });
      const result = await core.progress.transfer.merge(lines);
      process.stdout.write(
        `merged ${file}: ${result.events.added} new events (${result.events.alreadyHere} were already here), ` +
          `${result.pupils.added} new pupils, ${result.classes.added} new classes\n`,
      );
      return 0;
    } finally {
      core.close();
    }
  },
};
