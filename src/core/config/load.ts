import fs from 'node:fs';
import path from 'node:path';
import { MachineConfig, MachineConfigShape, type MachineConfigKey } from '../../shared/config';

export const CONFIG_ENV = 'KITE_CONFIG';

/** The machine-wide place IT staff put config.json when no --config or KITE_CONFIG is given. */
export function defaultConfigFile(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Kite Classroom', 'config.json');
  if (platform === 'darwin') return '/Library/Application Support/Kite Classroom/config.json';
  return '/etc/kite-classroom/config.json';
}

export interface ConfigSource {
  file: string;
  /** Named by --config or KITE_CONFIG: then a missing file is a problem, not "no config". */
  explicit: boolean;
}

/** Where the config comes from: the --config flag, else KITE_CONFIG, else the machine-wide default. */
export function configSource(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, platform = process.platform): ConfigSource {
  if (flag) return { file: path.resolve(flag), explicit: true };
  if (env[CONFIG_ENV]) return { file: path.resolve(env[CONFIG_ENV]), explicit: true };
  return { file: defaultConfigFile(env, platform), explicit: false };
}

/** `--config FILE` or `--config=FILE` anywhere in argv (the Electron shell's own arguments). */
export function configFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--config') return argv[i + 1];
    if (arg.startsWith('--config=')) return arg.slice('--config='.length);
  }
  return undefined;
}

export interface LoadedConfig {
  file: string;
  found: boolean;
  /** The keys that passed the schema; bad keys are left out so their defaults apply. */
  config: MachineConfig;
  /** One line each, for a person: the log, core.health().warnings, the CLI. */
  problems: string[];
}

/**
 * Read and check the machine config. Never throws: a missing, unreadable or invalid file gives
 * problems and the safe defaults; keys that are valid on their own are still applied.
 */
export function loadMachineConfig(source: ConfigSource): LoadedConfig {
  const { file } = source;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !source.explicit) return { file, found: false, config: {}, problems: [] };
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    return { file, found: false, config: {}, problems: [`Config file ${file} ${why}; default settings are in use.`] };
  }
  return { file, found: true, ...checkConfigText(text, file) };
}

export function checkConfigText(text: string, file: string): { config: MachineConfig; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, '')));
  } catch (error) {
    return { config: {}, problems: [`Config file ${file} is not valid JSON (${(error as Error).message}); default settings are in use.`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config: {}, problems: [`Config file ${file} must hold one JSON object { ... }; default settings are in use.`] };
  }
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('$')) continue; // "$schema", "$comment": notes for people
    if (!(key in MachineConfigShape)) {
      problems.push(`Config file ${file}: unknown key "${key}" was ignored (check its spelling).`);
      continue;
    }
    const one = MachineConfigShape[key as MachineConfigKey].safeParse(value);
    if (one.success) config[key] = one.data;
    else problems.push(`Config file ${file}: "${key}" ${one.error.issues.map(issueText).join('; ')}; its default is used instead.`);
  }
  return { config: MachineConfig.parse(config), problems };
}

function issueText(issue: { path: PropertyKey[]; message: string }): string {
  const where = issue.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
  return `${issue.message.replace(/^Invalid input: /, '')}${where}`;
}

/** Remove // and /* *\/ comments outside strings, so the JSONC example can be used as config.json. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else out += ch;
  }
  return out;
}

/**
 * Checks that need this PC, not just the file: can the data folder be written (or created), does
 * the packs folder exist. Reads only; creates nothing.
 */
export function machineProblems(config: MachineConfig, file: string): string[] {
  const problems: string[] = [];
  if (config.dataDir && !canWriteOrCreate(config.dataDir)) {
    problems.push(`Config file ${file}: dataDir ${config.dataDir} cannot be written to or created on this PC; the app would use its default folder instead.`);
  }
  if (config.packsFolder && !isDirectory(config.packsFolder)) {
    problems.push(`Config file ${file}: packsFolder ${config.packsFolder} is not a folder on this PC; no packs will be imported from it.`);
  }
  return problems;
}

function canWriteOrCreate(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(current)) {
      try {
        fs.accessSync(current, fs.constants.W_OK);
        return fs.statSync(current).isDirectory();
      } catch {
        return false;
      }
    }
    const parent = path.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
