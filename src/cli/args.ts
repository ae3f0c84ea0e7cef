import { parseArgs, type ParseArgsConfig } from 'node:util';
import { say } from './lang';

/** One `kite` command. Its one-line summary is in the message catalogue (cli.summary.<name>). */
export interface Command {
  usage: string;
  run(argv: string[]): Promise<number | void>;
}

/** An error meant for a person: printed as one line (plus a details line), no stack unless --debug. */
export class CliError extends Error {
  constructor(
    message: string,
    /** Technical detail in English, printed under the message. */
    readonly details?: string,
  ) {
    super(message);
  }
}

export const DATA_OPTION = { data: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

export function parse<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${say('cli.badOptions')}\nusage: ${usage}`, (error as Error).message);
  }
}

let configFlagValue: string | undefined;

/** Set by the global `--config FILE` option (src/cli/run.ts). */
export function useConfigFile(file: string | undefined): void {
  configFlagValue = file;
}

export function configFlag(): string | undefined {
  return configFlagValue;
}
