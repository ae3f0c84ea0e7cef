import { KiteError } from '../shared/errors';
import { errorLines } from '../shared/messages';
import { APP_VERSION } from '../core/version';
import { diskFullError } from '../core/fs/disk';
import { CliError, useConfigFile, type Command } from './args';
import { cliLanguage, parseLanguage, say, useLanguage } from './lang';

/**
 * Every `kite` command. Adding one means adding it here (and its summary to cli.summary in the
 * message catalogue). Each loads only when run: `kite telemetry` never loads SQLite, zod or the server.
 */
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve')).serve,
  pack: async () => (await import('./commands/pack')).pack,
  media: async () => (await import('./commands/media')).media,
  telemetry: async () => (await import('./commands/telemetry')).telemetry,
  progress: async () => (await import('./commands/progress')).progress,
  backup: async () => (await import('./commands/backup')).backup,
  config: async () => (await import('./commands/config')).config,
  doctor: async () => (await import('./commands/doctor')).doctor,
  join: async () => (await import('./commands/hub')).join,
  hub: async () => (await import('./commands/hub')).hub,
  county: async () => (await import('./commands/county')).county,
};

async function help(): Promise<string> {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  const lines = await Promise.all(names.map(async (name) => `  ${name.padEnd(width)}  ${say(`cli.summary.${name}`)}\n  ${' '.repeat(width)}  ${(await commands[name]!()).usage}`));
  return [say('cli.title', { version: APP_VERSION }), '', ...lines, '', say('cli.dataHint'), say('cli.debugHint'), say('cli.configHint'), say('cli.langHint')].join('\n');
}

/** Take the global options out of argv: --config FILE and --lang zh-CN|en (also --name=value), anywhere on the line. */
function withoutGlobalOptions(argv: string[]): string[] {
  const out: string[] = [];
  const values: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const name = ['--config', '--lang'].find((n) => arg === n || arg.startsWith(`${n}=`));
    if (!name) out.push(arg);
    else if (arg.includes('=')) values[name] = arg.slice(name.length + 1);
    else if (i + 1 < argv.length) values[name] = argv[++i];
  }
  useConfigFile(values['--config']);
  if (values['--lang'] !== undefined) {
    const language = parseLanguage(values['--lang']);
    if (!language) throw new CliError(say('cli.badLang', { value: values['--lang'] }));
    useLanguage(language);
  }
  return out;
}

/** Stop quietly when whoever reads our output goes away (`kite telemetry x.srt | head`): no EPIPE stack. */
let quiet = false;
function quietOnClosedPipe(): void {
  if (quiet) return;
  quiet = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  // Logging must never end the program: a full disk or a closed pipe behind stderr is ignored (kite serve keeps serving).
  process.stderr.on('error', () => undefined);
}

function report(prefix: string, thrown: unknown, debug: boolean): void {
  if (debug) process.stderr.write(`${thrown instanceof Error ? thrown.stack : String(thrown)}\n`);
  // A full disk is not a crash: it says disk_full like the app does.
  const error = thrown instanceof KiteError || thrown instanceof CliError ? thrown : (diskFullError(thrown) ?? thrown);
  // An error's own message is English for IT staff: in English it is the message; in Chinese it is the details line.
  const text =
    error instanceof KiteError
      ? cliLanguage() === 'en'
        ? error.message
        : errorLines(say, error, true)
      : error instanceof CliError
        ? [error.message, ...(error.details ? [say('details', { details: error.details })] : [])].join('\n')
        : `${say('cli.unexpected')}\n${say('details', { details: error instanceof Error ? error.message : String(error) })}`;
  process.stderr.write(`${prefix}${text}\n`);
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const debug = argv.includes('--debug');
  let args: string[];
  try {
    args = withoutGlobalOptions(argv.filter((a) => a !== '--debug'));
  } catch (error) {
    report('kite: ', error, debug);
    return 2;
  }
  const [name, ...rest] = args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write((await help()) + '\n');
    return 0;
  }
  if (name === '--version' || name === 'version') {
    process.stdout.write(APP_VERSION + '\n');
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`kite: ${say('cli.unknownCommand', { name })}\n`);
    return 2;
  }
  try {
    return (await (await load()).run(rest)) ?? 0;
  } catch (error) {
    report(`kite ${name}: `, error, debug);
    return 1;
  }
}
