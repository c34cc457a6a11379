import { type ChangeEvent, useRef, useState } from 'react';
import { trpc, type WorkflowView } from '../../trpc/client';
import { type ApiProblem, describeApiError, type FieldIssue } from '../../trpc/errors';
import { Modal } from '../../ui/modal';

type ImportOutcome =
  | { kind: 'refused'; fileName: string; message: string; issues: FieldIssue[] }
  | { kind: 'imported-with-problems'; workflow: WorkflowView; problems: { message: string }[] };

/** Picks a `.json` export and imports it; a refused file lists what is wrong, field by field. */
export function ImportButton({
  workspaceId,
  onImported,
}: {
  workspaceId: string;
  onImported: (workflow: WorkflowView) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    try {
      const text = await file.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        setOutcome({
          kind: 'refused',
          fileName: file.name,
          message: 'This file is not valid JSON.',
          issues: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
        });
        return;
      }
      const { workflow, problems } = await trpc.workflows.import.mutate({ workspaceId, json });
      onImported(workflow);
      if (problems.length > 0) setOutcome({ kind: 'imported-with-problems', workflow, problems });
    } catch (error) {
      const problem: ApiProblem = describeApiError(error);
      setOutcome({ kind: 'refused', fileName: file.name, message: problem.message, issues: problem.issues });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        onChange={onFile}
        data-testid="import-file"
      />
      <button type="button" className="button" disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Importing…' : 'Import JSON'}
      </button>
      {outcome && (
        <Modal
          title={outcome.kind === 'refused' ? `Could not import ${outcome.fileName}` : 'Imported as a draft'}
          onClose={() => setOutcome(null)}
          footer={
            <button type="button" className="button button--primary" onClick={() => setOutcome(null)}>
              OK
            </button>
          }
        >
          {outcome.kind === 'refused' ? (
            <>
              <p>{outcome.message}</p>
              {outcome.issues.length > 0 && (
                <ul className="issue-list" aria-label="Problems in the file">
                  {outcome.issues.map((issue) => (
                    <li key={`${issue.path}:${issue.message}`}>
                      {issue.path && <code>{issue.path}</code>}
                      <span>{issue.message}</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          ) : (
            <>
              <p>
                <strong>{outcome.workflow.name}</strong> was imported, but it cannot run until these are
                fixed:
              </p>
              <ul className="issue-list">
                {outcome.problems.map((problem) => (
                  <li key={problem.message}>
                    <span>{problem.message}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Modal>
      )}
    </>
  );
}
