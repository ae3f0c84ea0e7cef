import type { TFunction } from 'i18next';
import { KiteError } from '../../../shared/errors';
import { errorLines } from '../../../shared/messages';

/** A message a teacher or pupil can read, from any error the API throws; technical detail goes on a "details" line below. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof KiteError) return errorLines((key, params) => t(key, params), error);
  return t('errors.internal');
}
