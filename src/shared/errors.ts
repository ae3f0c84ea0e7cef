/**
 * Typed errors with stable codes. The UI translates `errors.<code>` from its locale files;
 * `message` is an English fallback for logs and the CLI.
 */
export const ERROR_CODES = [
  'bad_request',
  'unknown_method',
  'invalid_input',
  'forbidden',
  'not_found',
  'conflict',
  'pin_not_set',
  'pin_already_set',
  'pin_wrong',
  'pin_locked',
  'pin_too_weak',
  'data_dir_unwritable',
  'kiosk_unavailable',
  'csv_invalid',
  'csv_nothing_to_add',
  'path_not_found',
  'duplicate_name',
  'file_not_ours',
  'file_too_new',
  'progress_file_invalid',
  'progress_file_too_large',
  'backup_invalid',
  'picture_wrong',
  'picture_locked',
  'avatar_taken',
  'cancelled',
  'disk_full',
  'media_invalid',
  'media_unsupported',
  'media_unreadable',
  'file_not_allowed',
  'media_source_changed',
  'panorama_too_large',
  'panorama_mark_too_large',
  'internal',
  'pack_not_zip',
  'pack_unsafe_entry',
  'pack_symlink',
  'pack_duplicate_entry',
  'pack_path_clash',
  'pack_windows_name',
  'pack_forbidden_type',
  'pack_too_large',
  'pack_bad_manifest',
  'pack_invalid',
  'pack_file_mismatch',
  'pack_bad_signature',
  'pack_untrusted',
  'pack_needs_newer_app',
  'pack_downgrade',
  'import_cancelled',
  'hub_unreachable',
  'hub_cert_changed',
  'hub_other',
  'not_a_hub',
  'not_paired',
  'wrong_join_code',
  'join_code_locked',
  'device_removed',
  'device_unknown',
  'content_corrupt',
  'roster_from_hub',
  'job_interrupted',
  'session_not_running',
  'poll_closed',
  'tour_closed',
  'recording_too_large',
  'recording_bad_type',
  'bundle_not_ours',
  'bundle_too_new',
  'bundle_damaged',
  'bundle_truncated',
  'bundle_tampered',
  'bundle_unknown_school',
  'bundle_bad_signature',
  'receipt_invalid',
  'receipt_bad_signature',
  'receipt_other_school',
  'receipt_other_county',
  'county_unreachable',
  'county_school_exists',
  'county_bad_school_key',
  'county_db_busy',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Where a schema check failed: JSON pointer-like path and message, for people fixing input. */
  issues?: { path: string; message: string }[];
  /** Extra facts the UI may show, e.g. seconds until a PIN lock ends. */
  details?: Record<string, string | number | boolean>;
}

export class KiteError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ErrorPayload['issues'];
  readonly details?: ErrorPayload['details'];

  constructor(code: ErrorCode, message: string, extra: Pick<ErrorPayload, 'issues' | 'details'> = {}) {
    super(message);
    this.name = 'KiteError';
    this.code = code;
    this.issues = extra.issues;
    this.details = extra.details;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, issues: this.issues, details: this.details };
  }

  static fromPayload(payload: ErrorPayload): KiteError {
    return new KiteError(payload.code, payload.message, payload);
  }
}

/** HTTP status for each code, used by the browser host. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unknown_method: 404,
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  pin_not_set: 409,
  pin_already_set: 409,
  pin_wrong: 401,
  pin_locked: 429,
  pin_too_weak: 400,
  data_dir_unwritable: 500,
  kiosk_unavailable: 409,
  csv_invalid: 400,
  csv_nothing_to_add: 400,
  path_not_found: 404,
  duplicate_name: 409,
  avatar_taken: 409,
  file_not_ours: 400,
  file_too_new: 409,
  progress_file_invalid: 422,
  progress_file_too_large: 413,
  backup_invalid: 400,
  picture_wrong: 401,
  picture_locked: 429,
  cancelled: 409,
  disk_full: 507,
  media_invalid: 422,
  media_unsupported: 415,
  media_unreadable: 422,
  file_not_allowed: 422,
  media_source_changed: 409,
  panorama_too_large: 415,
  panorama_mark_too_large: 422,
  internal: 500,
  job_interrupted: 409,
  pack_not_zip: 422,
  pack_unsafe_entry: 422,
  pack_symlink: 422,
  pack_duplicate_entry: 422,
  pack_path_clash: 422,
  pack_windows_name: 422,
  pack_forbidden_type: 422,
  pack_too_large: 413,
  pack_bad_manifest: 422,
  pack_invalid: 422,
  pack_file_mismatch: 422,
  pack_bad_signature: 422,
  pack_untrusted: 403,
  pack_needs_newer_app: 422,
  pack_downgrade: 409,
  import_cancelled: 409,
  session_not_running: 409,
  poll_closed: 409,
  tour_closed: 409,
  recording_too_large: 413,
  recording_bad_type: 415,
  county_school_exists: 409,
  county_bad_school_key: 400,
  county_db_busy: 409,
  hub_unreachable: 503,
  hub_cert_changed: 502,
  hub_other: 409,
  not_a_hub: 502,
  not_paired: 409,
  wrong_join_code: 401,
  join_code_locked: 429,
  device_removed: 403,
  device_unknown: 403,
  content_corrupt: 502,
  roster_from_hub: 409,
  bundle_not_ours: 400,
  bundle_too_new: 409,
  bundle_damaged: 422,
  bundle_truncated: 422,
  bundle_tampered: 422,
  bundle_unknown_school: 403,
  bundle_bad_signature: 422,
  receipt_invalid: 422,
  receipt_bad_signature: 422,
  receipt_other_school: 409,
  receipt_other_county: 409,
  county_unreachable: 503,
};

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorPayload };
