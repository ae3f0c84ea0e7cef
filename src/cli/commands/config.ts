import fs from 'node:fs';
import { hashPin } from '../../core/auth/pin';
import { isWeakPin } from '../../shared/pin';
import { configExample } from '../../core/config/example';
import { checkConfigText, machineProblems } from '../../core/config/load';
import { machineConfig, CliError, parse, type Command } from '../command';
import { say } from '../lang';
import { readLine } from '../stdin';

const USAGE = 'kite config validate [FILE] | kite config example | kite config hash-pin [PIN]';

/** `kite config`: check a machine config, print a commented example, make a teacher PIN hash. */
export const config: Command = {
  usage: USAGE,
  async run(argv) {
    const { positionals } = parse(argv, {}, USAGE);
    const [sub, arg] = positionals;
    if (sub === 'example') {
      process.stdout.write(configExample());
      return 0;
    }
    if (sub === 'validate') return validate(arg);
    if (sub === 'hash-pin') {
      const pin = (arg ?? (await readStdinLine())).trim();
      if (!/^\d{4,8}$/.test(pin)) throw new CliError(say('cli.config.pin'));
      if (isWeakPin(pin)) throw new CliError(say('errors.pin_too_weak'));
      process.stdout.write(`${hashPin(pin)}\n`);
      return 0;
    }
    throw new CliError(`usage: ${USAGE}`);
  },
};

/**
 * Problems in the file itself (JSON, unknown keys, wrong values) fail it. Folders it names that this
 * PC lacks or cannot write are notes: the USB stick may be out, and IT staff often write the file on
 * another PC or account than the one the app runs as.
 */
function validate(fileArg: string | undefined): number {
  const file = fileArg ?? machineConfig().file;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? say('cli.config.missing', { file }) : say('cli.config.unreadable', { file, code }));
  }
  const { config: valid, problems } = checkConfigText(text, file);
  const keys = Object.keys(valid);
  for (const problem of problems) process.stdout.write(`${say('cli.config.problem', { problem })}\n`);
  for (const problem of machineProblems(valid, file)) process.stdout.write(`${say('cli.config.notice', { problem })}\n`);
  if (problems.length === 0) {
    process.stdout.write(`${say('cli.config.valid', { file, count: keys.length, keys: keys.length ? ` (${keys.join(', ')})` : '' })}\n`);
    return 0;
  }
  process.stdout.write(`${say('cli.config.problems', { file, count: problems.length, keys: keys.join(', ') || say('cli.config.none') })}\n`);
  return 1;
}

const readStdinLine = () => readLine(say('cli.config.pinPrompt'));
