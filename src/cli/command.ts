import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDataDir } from '../core/datadir';
import { configSource, loadMachineConfig, type LoadedConfig } from '../core/config/load';

export interface Command {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number | void>;
}

/** An error meant for a person: printed as one line, no stack unless --debug. */
export class CliError extends Error {}

export const DATA_OPTION = { data: { type: 'string' } } as const satisfies ParseArgsConfig['options'];

export function parse<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nusage: ${usage}`);
  }
}

let configFlagValue: string | undefined;
let loadedConfig: LoadedConfig | undefined;

/** Set by the global `--config FILE` option (src/cli/run.ts). */
export function useConfigFile(file: string | undefined): void {
  configFlagValue = file;
  loadedConfig = undefined;
}

/** The machine config: --config FILE, else KITE_CONFIG, else the machine-wide default path. Never throws. */
export function machineConfig(): LoadedConfig {
  return (loadedConfig ??= loadMachineConfig(configSource(configFlagValue)));
}

/** --data, else KITE_DATA_DIR, else the machine config's dataDir, else the app's own folder. */
export function dataDirFrom(value: string | undefined): string {
  return value ?? (process.env.KITE_DATA_DIR ? defaultDataDir() : (machineConfig().config.dataDir ?? defaultDataDir()));
}
