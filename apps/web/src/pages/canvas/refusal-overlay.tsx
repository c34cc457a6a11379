import { navigate } from '../../app/history';
import { paths } from '../../app/routes';
import type { Refusal } from '../../collab/refusals';

/** Blocks the canvas after a refusal retrying cannot fix, with the one thing that helps. */
export function RefusalOverlay({
  refusal,
  workspaceId,
  here,
}: {
  refusal: Refusal;
  workspaceId: string;
  here: string;
}) {
  return (
    <div
      className="refusal"
      role="alertdialog"
      aria-labelledby="refusal-title"
      aria-describedby="refusal-text"
    >
      <div className="refusal__card">
        <h2 id="refusal-title">{refusal.title}</h2>
        <p id="refusal-text">{refusal.message}</p>
        {refusal.action === 'reload' && (
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        )}
        {refusal.action === 'login' && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => navigate(paths.login(here))}
          >
            Log in again
          </button>
        )}
        {refusal.action === 'leave' && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => navigate(paths.workspace(workspaceId))}
          >
            Back to workflows
          </button>
        )}
      </div>
    </div>
  );
}
