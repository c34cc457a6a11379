import { replaceGraph, type WorkflowDefinition } from '@tandem/workflow';
import { useState } from 'react';
import type * as Y from 'yjs';
import type { QueryState } from '../app/use-query';
import type { Notify } from '../chrome/toasts';
import { type TrpcClient, trpc } from '../trpc/client';
import { describeApiError } from '../trpc/errors';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { relativeTime } from '../ui/relative-time';

type Answer<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;
export type VersionSummaryView = Answer<TrpcClient['versions']['list']['query']>[number];

export type Comparison = { versionId: string; number: number; definition: WorkflowDefinition };

type VersionsPanelProps = {
  workflowId: string;
  doc: Y.Doc;
  versions: QueryState<VersionSummaryView[]>;
  canEdit: boolean;
  pinnedVersionId: string | null;
  onPinned: (versionId: string | null) => void;
  comparing: Comparison | null;
  onCompare: (comparison: Comparison | null) => void;
  authorName: (userId: string) => string;
  /** Ends the current undo step, so a restore is undone on its own by Ctrl+Z. */
  stopCapturing: () => void;
  notify: Notify;
  onClose: () => void;
};

/** Saved versions: save the draft under a name, compare one with the draft on the canvas, restore, pin. */
export function VersionsPanel(props: VersionsPanelProps) {
  const { workflowId, versions, canEdit, comparing, notify } = props;
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [restoring, setRestoring] = useState<VersionSummaryView | null>(null);
  const [loadingId, setLoadingId] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    try {
      const trimmed = name.trim();
      const { version, created } = await trpc.versions.create.mutate({
        workflowId,
        ...(trimmed ? { name: trimmed } : {}),
      });
      setName('');
      notify(
        created
          ? `Saved version ${version.number}.`
          : `Nothing changed since version ${version.number}; it was kept.`,
      );
      await versions.reload();
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    } finally {
      setSaving(false);
    }
  };

  const definitionOf = async (version: VersionSummaryView) => {
    setLoadingId(version.id);
    try {
      return (await trpc.versions.get.query({ workflowId, versionId: version.id })).definition;
    } finally {
      setLoadingId(null);
    }
  };

  const compare = async (version: VersionSummaryView) => {
    if (comparing?.versionId === version.id) {
      props.onCompare(null);
      return;
    }
    try {
      const definition = await definitionOf(version);
      props.onCompare({ versionId: version.id, number: version.number, definition });
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    }
  };

  // Written here, not by `versions.restore`: the server's write reaches this client as a remote update,
  // which this user's undo (local origins only) would not revert. One local transaction is one Ctrl+Z and
  // reaches everyone else as one update, the same as the server's.
  const restore = async (version: VersionSummaryView) => {
    try {
      const definition = await definitionOf(version);
      props.stopCapturing();
      replaceGraph(props.doc, definition);
      props.stopCapturing();
      props.onCompare(null);
      setRestoring(null);
      notify(`Restored version ${version.number}. Ctrl+Z undoes it.`);
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    }
  };

  const pin = async (version: VersionSummaryView) => {
    const next = props.pinnedVersionId === version.id ? null : version.id;
    try {
      await trpc.versions.pin.mutate({ workflowId, versionId: next });
      props.onPinned(next);
      notify(next ? `The HTTP trigger now runs version ${version.number}.` : 'Unpinned.');
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    }
  };

  return (
    <aside className="side-panel versions-panel" aria-label="Versions">
      <header className="side-panel__head">
        <h2>Versions</h2>
        <button type="button" className="icon-button" aria-label="Close versions" onClick={props.onClose}>
          ×
        </button>
      </header>
      {canEdit && (
        <form
          className="versions-panel__save"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <input
            className="input input--compact"
            value={name}
            maxLength={120}
            placeholder="Name this version (optional)"
            aria-label="Version name"
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="button button--primary button--small" disabled={saving}>
            {saving ? 'Saving…' : 'Save version'}
          </button>
        </form>
      )}
      {comparing && (
        <div className="diff-legend" role="status">
          <span>Comparing v{comparing.number} → draft</span>
          <span className="diff-legend__item diff-legend__item--added">added</span>
          <span className="diff-legend__item diff-legend__item--changed">changed</span>
          <span className="diff-legend__item diff-legend__item--removed">removed</span>
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => props.onCompare(null)}
          >
            Stop
          </button>
        </div>
      )}
      <div className="side-panel__scroll">
        {versions.error && <p className="side-panel__empty">{versions.error.message}</p>}
        {versions.data?.length === 0 && (
          <p className="side-panel__empty">No versions yet. Save one, or start a run (it saves one).</p>
        )}
        <ul className="version-list">
          {versions.data?.map((version) => {
            const pinned = props.pinnedVersionId === version.id;
            const selected = comparing?.versionId === version.id;
            return (
              <li key={version.id} className={`version${selected ? ' is-selected' : ''}`}>
                <button
                  type="button"
                  className="version__main"
                  aria-pressed={selected}
                  title={selected ? 'Stop comparing' : 'Compare with the draft on the canvas'}
                  onClick={() => void compare(version)}
                >
                  <span className="version__number">v{version.number}</span>
                  <span className="version__text">
                    <span className="version__name">
                      {version.name || <span className="version__unnamed">Unnamed</span>}
                      {pinned && <span className="badge badge--pinned">Pinned</span>}
                    </span>
                    <span className="version__meta">
                      {props.authorName(version.createdBy)} · {relativeTime(version.createdAt)}
                    </span>
                  </span>
                  {loadingId === version.id && <span className="version__loading">…</span>}
                </button>
                {canEdit && (
                  <div className="version__actions">
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setRestoring(version)}
                    >
                      Restore
                    </button>
                    <button type="button" className="button button--small" onClick={() => void pin(version)}>
                      {pinned ? 'Unpin' : 'Pin'}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {restoring && (
        <ConfirmDialog
          title={`Restore version ${restoring.number}?`}
          confirmLabel="Restore"
          onCancel={() => setRestoring(null)}
          onConfirm={() => restore(restoring)}
        >
          The draft becomes version {restoring.number} for everyone editing it. Nothing is lost: the current
          draft stays in the undo history (Ctrl+Z) and in earlier runs’ versions.
        </ConfirmDialog>
      )}
    </aside>
  );
}
