import type { TFunction } from 'i18next';
import { KiteError } from '../../../shared/errors';

/** A message a teacher or pupil can read, from any error the API throws. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof KiteError) return t(`errors.${error.code}`, { message: error.message });
  return t('errors.internal');
}
