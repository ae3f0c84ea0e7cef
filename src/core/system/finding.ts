import type { CheckStatus, DoctorCheck } from '../../shared/contract/system';
import { en } from '../../shared/messages/en';
import { message, type DoctorFindingCode } from '../../shared/messages';

type Params = Record<string, string | number>;

/**
 * A doctor finding: its code and params (for the teacher's language), its English title and detail
 * (for the saved report) and the English technical fact behind it, if any. A detail whose facts are
 * unknown (a placeholder left unfilled) is left out.
 */
export function finding(section: DoctorCheck['section'], status: CheckStatus, code: DoctorFindingCode, params: Params = {}, technical?: string): DoctorCheck {
  const strings = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const filled = { ...strings, ...(technical !== undefined ? { technical } : {}) };
  const hasDetail = 'detail' in en.doctor.findings[code];
  const detail = hasDetail ? message('en', `doctor.findings.${code}.detail`, filled) : undefined;
  return {
    section,
    status,
    code,
    params: strings,
    title: message('en', `doctor.findings.${code}.title`, filled),
    ...(detail && !detail.includes('{{') ? { detail } : {}),
    ...(technical ? { technical } : {}),
  };
}
