import { KiteError } from '../shared/errors';
import { APP_VERSION } from '../core/version';
import { diskFullError } from '../core/fs/disk';
import { CliError, useConfigFile, type Command } from './command';
import { serve } from './commands/serve';
import { progress } from './commands/progress';
import { backup } from './commands/backup';
import { pack } from './commands/pack';
import { config } from './commands/config';
import { doctor } from './commands/doctor';
import { telemetry } from './commands/telemetry';
import { media } from './commands/media';

/** Every `kite` command. Adding one means adding it here. */
const commands: Record<string, Command> = { serve, pack, media, telemetry, progress, backup, config, doctor };

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    `kite ${APP_VERSION}: Kite Classroom (风筝课堂) command line`,
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.usage}`),
    '',
    'Every command that touches data takes --data DIR (default: the app\'s own data folder, or KITE_DATA_DIR).',
    'Add --debug to see the full error behind a one-line message.',
    'Add --config FILE to read that machine config instead of KITE_CONFIG or the machine-wide one.',
  ].join('\n');
}

/** The global `--config FILE` (or --config=FILE) option: remembered, then removed from argv. */
function withoutConfigOption(argv: string[]): string[] {
  const out: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--config' && i + 1 < argv.length) file = argv[++i];
    else if (arg.startsWith('--config=')) file = arg.slice('--config='.length);
    else out.push(arg);
  }
  useConfigFile(file);
  return out;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const args = withoutConfigOption(argv.filter((a) => a !== '--debug'));
  const [name, ...rest] = args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help() + '\n');
    return 0;
  }
  if (name === '--version' || name === 'version') {
    process.stdout.write(APP_VERSION + '\n');
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`kite: unknown command "${name}". Run "kite help" for the list.\n`);
    return 2;
  }
  try {
    return (await command.run(rest)) ?? 0;
  } catch (error) {
    if (debug) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    const known = error instanceof CliError || error instanceof KiteError ? error : diskFullError(error);
    if (known) {
      process.stderr.write(`kite ${name}: ${known.message}\n`);
      return 1;
    }
    process.stderr.write(`kite ${name}: unexpected error: ${error instanceof Error ? error.message : String(error)} (run again with --debug for details)\n`);
    return 1;
  }
}
