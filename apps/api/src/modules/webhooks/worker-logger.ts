import { Logger } from 'graphile-worker';
import { currentLog } from '../../observability/request-context';

/**
 * graphile-worker's warnings and errors into our JSON log, by task and job only: its messages quote
 * the thrown error's message, which for a database error carries SQL with its values (SECURITY.md:
 * no error message is logged). Our task logs its own failures with logFailure. Info lines are noise.
 */
export const quietWorkerLogger = new Logger((scope) => (level) => {
  if (level === 'error' || level === 'warning')
    currentLog()[level === 'error' ? 'error' : 'warn'](
      { component: 'job-queue', task: scope.taskIdentifier, jobId: scope.jobId },
      'job queue reported a problem',
    );
});
