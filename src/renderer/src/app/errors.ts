import type { TFunction } from 'i18next';
import { KiteError } from '../../../shared/errors';

/** A message a teacher or pupil can read, from any error the API throws (details fill the placeholders). */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof KiteError) return t(`errors.${error.code}`, { ...error.details, message: error.message });
  return t('errors.internal');
}
