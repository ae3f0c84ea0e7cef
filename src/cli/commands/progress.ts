import fs from 'node:fs';
import { once } from 'node:events';
import { createCore } from '../../core';
import { chosenLanguage } from '../lang';
import { CliError, DATA_OPTION, dataDirFrom, machineConfig, parse, type Command } from '../command';
import { importCountyReceipt, writeCountyBundle, writeSchoolKey } from './county-school';

/** Write lines to a stream, waiting when it is full: memory stays flat for any amount of progress. */
async function writeAll(lines: Iterable<string>, out: NodeJS.WritableStream): Promise<void> {
  for (const line of lines) {
    if (!out.write(line)) await once(out, 'drain');
  }
}

export const progress: Command = {
  usage:
    'kite progress export --format csv|json [--lang zh-CN|en] [--out FILE] [--data DIR] | kite progress merge <file> [--data DIR]' +
    ' | kite progress bundle --out FILE.kbundle [--data DIR] | kite progress receipt <file> [--data DIR] | kite progress school-key [--out KEY.pub] [--data DIR]',
  async run(argv) {
    const { values, positionals } = parse(argv, { ...DATA_OPTION, format: { type: 'string' }, out: { type: 'string' } }, this.usage);
    const [action, file] = positionals;
    if (action === 'bundle' || action === 'receipt' || action === 'school-key') {
      // The county link: the machine config's county keys apply (publicKey, sendClassNames).
      const core = createCore({ dataDir: dataDirFrom(values.data), config: machineConfig() });
      try {
        if (action === 'bundle') await writeCountyBundle(core, values.out);
        else if (action === 'receipt') importCountyReceipt(core, file);
        else writeSchoolKey(core, values.out);
        return 0;
      } finally {
        core.close();
      }
    }
    if (action !== 'export' && action !== 'merge') throw new CliError(`say "export", "merge", "bundle", "receipt" or "school-key".\nusage: ${this.usage}`);
    if (action === 'merge' && !file) throw new CliError(`name the progress file to merge.\nusage: ${this.usage}`);
    if (action === 'merge' && !fs.existsSync(file as string)) throw new CliError(`there is no file ${file}.`);
    const format = values.format ?? 'json';
    if (action === 'export' && format !== 'csv' && format !== 'json') throw new CliError(`--format must be csv or json, not "${format}".`);
    const lang = chosenLanguage();

    const core = createCore({ dataDir: dataDirFrom(values.data) });
    try {
      if (action === 'export') {
        // CSV column names and statuses in --lang, else the app's language; progress files are language-neutral.
        const lines = format === 'csv' ? core.progress.transfer.csvLines(undefined, { lang: lang ?? core.settings.get().language }) : core.progress.transfer.fileLines();
        const out = values.out ? fs.createWriteStream(values.out) : process.stdout;
        await writeAll(lines, out);
        if (values.out) {
          (out as fs.WriteStream).end();
          await once(out, 'close');
          process.stderr.write(`progress exported to ${values.out}\n`);
        }
        return 0;
      }
      const result = await core.progress.transfer.mergeFile(file as string);
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
