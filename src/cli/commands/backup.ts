import { createCore } from '../../core';
import { dataLayout } from '../../core/datadir';
import { listBackups, restoreBackup } from '../../core/backups/backup';
import { CliError, DATA_OPTION, dataDirFrom, parse, type Command } from '../command';

export const backup: Command = {
  usage: 'kite backup create|list [--data DIR] | kite backup restore <name> [--data DIR]',
  async run(argv) {
    const { values, positionals } = parse(argv, { ...DATA_OPTION }, this.usage);
    const [action, name] = positionals;
    const layout = dataLayout(dataDirFrom(values.data));
    if (action === 'list') {
      const backups = listBackups(layout.backups);
      if (backups.length === 0) process.stdout.write(`no backups in ${layout.backups}\n`);
      for (const b of backups) process.stdout.write(`${b.name}\t${b.createdAt}\t${b.reason}\t${Math.ceil(b.sizeBytes / 1024)} KiB\n`);
      return 0;
    }
    if (action === 'create') {
      const core = createCore({ dataDir: layout.root });
      try {
        const made = await core.backups.create('manual');
        process.stdout.write(`backup made: ${made.name}\n`);
      } finally {
        core.close();
      }
      return 0;
    }
    if (action === 'restore') {
      if (!name) throw new CliError(`name the backup to restore (see "kite backup list").\nusage: ${this.usage}`);
      const { keptAside } = restoreBackup(layout.db, layout.backups, name, layout.lock);
      process.stdout.write(`restored ${name}${keptAside ? `; the database it replaced was kept as ${keptAside}` : ''}\n`);
      return 0;
    }
    throw new CliError(`say create, list or restore.\nusage: ${this.usage}`);
  },
};
