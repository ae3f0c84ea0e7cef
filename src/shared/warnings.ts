/**
 * A problem found at start (or seen by the desktop shell) that a teacher should know about.
 * The teacher console says it in the teacher's language from `code` and `params`; `text` is the
 * full English sentence for the log, the CLI and IT staff.
 */
export interface StartupWarning {
  code: StartupWarningCode;
  params: Record<string, string>;
  text: string;
}

export const STARTUP_WARNING_CODES = [
  'config_problem',
  'config_data_dir',
  'settings_set_aside',
  'settings_invalid',
  'database_restored',
  'database_reset',
  'database_missing_restored',
  'database_missing_reset',
  'disk_low',
  'screen_restarted',
  'screen_stopped',
] as const;
export type StartupWarningCode = (typeof STARTUP_WARNING_CODES)[number];

export function startupWarning(code: StartupWarningCode, params: Record<string, string>, text: string): StartupWarning {
  return { code, params, text };
}
