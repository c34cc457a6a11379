import type { Problem } from '@tandem/workflow';
import { useState } from 'react';
import type { Refusal } from '../../collab/refusals';

/** One strip above the canvas for what the server says: a passing refusal, an offline copy, problems. */
export function CanvasBanner({
  refusal,
  offlineCopy,
  problems,
}: {
  refusal: Refusal | null;
  offlineCopy: boolean;
  problems: readonly Problem[];
}) {
  const [hiddenProblems, setHiddenProblems] = useState<readonly Problem[] | null>(null);
  if (refusal && !refusal.terminal) {
    return (
      <div className="banner banner--warn" role="status">
        <strong>{refusal.title}.</strong> {refusal.message}
      </div>
    );
  }
  if (offlineCopy) {
    return (
      <div className="banner" role="status">
        <strong>Working offline.</strong> You are seeing the copy kept in this browser; your edits merge with
        everyone else’s when the connection is back.
      </div>
    );
  }
  if (problems.length > 0 && hiddenProblems !== problems) {
    // One problem often concerns several nodes (two outputs sharing a name): say each sentence once.
    const messages = [...new Set(problems.map((problem) => problem.message))];
    return (
      <div className="banner banner--warn" role="status" data-testid="server-problems">
        <strong>
          The server found {problems.length} problem{problems.length === 1 ? '' : 's'} in this draft:
        </strong>{' '}
        {messages.slice(0, 3).join(' · ')}
        {messages.length > 3 ? ` · and ${messages.length - 3} more` : ''}
        <button
          type="button"
          className="banner__close"
          aria-label="Dismiss"
          onClick={() => setHiddenProblems(problems)}
        >
          ×
        </button>
      </div>
    );
  }
  return null;
}
