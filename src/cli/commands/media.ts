import { createCore } from '../../core';
import { CliError, DATA_OPTION, dataDirFrom, parse, type Command } from '../command';

export const media: Command = {
  usage: 'kite media import <dir> [--data DIR]',
  async run(argv) {
    const { values, positionals } = parse(argv, { ...DATA_OPTION }, this.usage);
    const [sub, dir, ...extra] = positionals;
    if (sub !== 'import' || !dir || extra.length > 0) throw new CliError(`usage: ${this.usage}`);
    const core = createCore({ dataDir: dataDirFrom(values.data) });
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    const onProgress = (p: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${p.filesDone}/${p.filesTotal} files, ${Math.round(p.bytesDone / 1048576)}/${Math.round(p.bytesTotal / 1048576)} MB   `);
    };
    try {
      const report = await core.media.importFolder(dir, controller.signal, onProgress);
      if (process.stderr.isTTY) process.stderr.write('\n');
      for (const w of report.warnings) process.stderr.write(`warning: ${w.path}: ${w.reason}\n`);
      for (const f of report.failed) process.stderr.write(`not imported: ${f.path}: ${f.reason}\n`);
      process.stdout.write(`${report.imported.length} imported, ${report.duplicates.length} already in the gallery, ${report.failed.length} failed${report.cancelled ? ' (cancelled)' : ''}\n`);
      return report.failed.length > 0 || report.cancelled ? 1 : 0;
    } finally {
      process.off('SIGINT', stop);
      core.close();
    }
  },
};
