import type { Core } from '../core';
import type { jobMethods } from '../shared/contract/jobs';
import type { DomainHandlers } from './types';

export function jobHandlers(core: Core): DomainHandlers<typeof jobMethods> {
  return {
    'jobs.get': ({ jobId }) => core.jobs.get(jobId),
    'jobs.cancel': ({ jobId }) => core.jobs.cancel(jobId),
  };
}
