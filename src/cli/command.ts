import { defaultDataDir } from '../core/datadir';
import { configSource, loadMachineConfig, type LoadedConfig } from '../core/config/load';
import { configFlag } from './args';

export { CliError, DATA_OPTION, parse, type Command } from './args';

let loaded: { flag: string | undefined; config: LoadedConfig } | undefined;

/** The machine config: --config FILE, else KITE_CONFIG, else the machine-wide default path. Never throws. */
export function machineConfig(): LoadedConfig {
  if (!loaded || loaded.flag !== configFlag()) loaded = { flag: configFlag(), config: loadMachineConfig(configSource(configFlag())) };
  return loaded.config;
}

/** --data, else KITE_DATA_DIR, else the machine config's dataDir, else the app's own folder. */
export function dataDirFrom(value: string | undefined): string {
  return value ?? (process.env.KITE_DATA_DIR ? defaultDataDir() : (machineConfig().config.dataDir ?? defaultDataDir()));
}
