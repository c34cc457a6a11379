import {
  addThread,
  type CommentAnchor,
  type CommentThread,
  materialise,
  type WorkflowDefinition,
} from '@tandem/workflow';
import {
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useQuery } from '../../app/use-query';
import type { NodeDecoration } from '../../canvas/decorations';
import { workflowStore } from '../../canvas/workflow-snapshot';
import { Icon } from '../../chrome/icons';
import type { WorkflowSession } from '../../collab/use-workflow-session';
import { CommentComposer, type Mentionable } from '../../comments/comment-composer';
import { CommentPins } from '../../comments/comment-pins';
import { CommentsPanel } from '../../comments/comments-panel';
import { totalUnread, useReadState } from '../../comments/read-state';
import { useCommentThreads } from '../../comments/use-comments';
import type { EditorApi, WorkflowEditorProps } from '../../editor/workflow-editor';
import { AddToDatasetDialog } from '../../experiments/add-to-dataset-dialog';
import { ExperimentsPanel, ExperimentsToolIcon } from '../../experiments/experiments-panel';
import { RunForm } from '../../runs/run-form';
import { declaredInputs } from '../../runs/run-inputs';
import { RunPanel } from '../../runs/run-panel';
import { isActiveRun } from '../../runs/run-timeline';
import { useRunView } from '../../runs/use-run-view';
import { trpc } from '../../trpc/client';
import { describeApiError } from '../../trpc/errors';
import { diffOverlay } from '../../versions/version-diff';
import { type Comparison, VersionsPanel } from '../../versions/versions-panel';

type Side = 'comments' | 'versions' | 'experiments' | null;
type Self = { id: string; name: string; color: string };

/**
 * Everything on the canvas page beyond editing the graph: comments (pins, panel, unread count), versions
 * (save, compare on the canvas, restore, pin) and runs (form, live status on nodes, timeline panel). Returns
 * the editor props that carry them, and the top-bar buttons that open them.
 */
export function useWorkbench(options: {
  session: WorkflowSession;
  workflowId: string;
  workspaceId: string;
  self: Self;
  pinnedVersionId: string | null;
}) {
  const { session, workflowId, workspaceId, self } = options;
  const canEdit = !session.readOnly;
  const snapshot = useSyncExternalStore(
    workflowStore(session.doc).subscribe,
    workflowStore(session.doc).getSnapshot,
  );
  const graph = snapshot.graph;

  const membersQuery = useQuery(() => trpc.members.list.query({ workspaceId }), [workspaceId]);
  const members: Mentionable[] = useMemo(() => membersQuery.data ?? [], [membersQuery.data]);
  const personName = useCallback(
    (userId: string | null) =>
      userId === null
        ? 'Trigger'
        : userId === self.id
          ? 'You'
          : (members.find((member) => member.userId === userId)?.name ?? 'Former member'),
    [members, self.id],
  );
  const nodeLabel = useCallback(
    (nodeId: string) => {
      const node = graph.nodes.find((each) => each.id === nodeId);
      return node ? node.label || node.type : `${nodeId} (deleted)`;
    },
    [graph],
  );

  const [side, setSide] = useState<Side>(null);
  const toggleSide = (panel: Exclude<Side, null>) => setSide((current) => (current === panel ? null : panel));

  // Comments.
  const threads = useCommentThreads(session.commentsDoc);
  const { read, markRead } = useReadState(self.id, workflowId);
  const unread = totalUnread(threads, read, self.id);
  const [selectedThread, setSelectedThread] = useState<string | null>(null);
  const [pending, setPending] = useState<CommentAnchor | null>(null);
  // The editor's toast, captured when it renders the panels (handlers run later, outside render).
  const notifyRef = useRef<EditorApi['notify']>(() => {});
  const setError = (message: string) => notifyRef.current(message, 'warn');
  const openThread = useCallback((threadId: string) => {
    setSelectedThread(threadId);
    setSide('comments');
  }, []);
  const startThread = (anchor: CommentAnchor, body: string, mentions: string[]) => {
    try {
      const id = addThread(session.commentsDoc, { anchor, authorId: self.id, body, mentions });
      setPending(null);
      openThread(id);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'The comment could not be saved.');
    }
  };
  const describeAnchor = (anchor: CommentAnchor) => {
    if ('runId' in anchor) return `Run ${anchor.runId.slice(0, 6)} · ${nodeLabel(anchor.nodeId)}`;
    if ('nodeId' in anchor) return nodeLabel(anchor.nodeId);
    return 'On the canvas';
  };
  const composerFor = (anchor: CommentAnchor): ReactNode => (
    <CommentComposer
      key={JSON.stringify(anchor)}
      members={members}
      placeholder="Add a comment… (@ to mention)"
      submitLabel="Comment"
      autoFocus
      onSubmit={(body, mentions) => startThread(anchor, body, mentions)}
      onCancel={() => setPending(null)}
    />
  );

  // Runs.
  const graphNodeIds = useMemo(() => graph.nodes.map((node) => node.id), [graph.nodes]);
  const runView = useRunView({ workflowId, runsDoc: session.runsDoc, graphNodeIds, personName });
  const [runFormOpen, setRunFormOpen] = useState(false);
  const [addingRun, setAddingRun] = useState<{ runId: string; succeeded: boolean } | null>(null);
  const [runNode, setRunNode] = useState<string | null>(null);
  const [panelCollapsed, setPanelCollapsed] = useState(true);
  const [panelHeight, setPanelHeight] = useState(280);
  // `?run=<id>` (a link from an experiment's row table) opens that run's timeline.
  const selectRun = runView.select;
  useEffect(() => {
    const runId = new URLSearchParams(window.location.search).get('run');
    if (!runId) return;
    selectRun(runId);
    setPanelCollapsed(false);
  }, [selectRun]);
  const versions = useQuery(() => trpc.versions.list.query({ workflowId }), [workflowId]);
  // Versions are made elsewhere too (a collaborator saving, any run saving the draft): refresh the list
  // when the panel opens and whenever a new run shows up.
  const newestRun = runView.runs[0]?.runId;
  const reloadVersions = versions.reload;
  useEffect(() => {
    if (side === 'versions' || side === 'experiments') void reloadVersions();
  }, [side, newestRun, reloadVersions]);
  const startRun = async (inputs: Record<string, unknown>): Promise<Record<string, string>> => {
    try {
      const { run } = await trpc.runs.start.mutate({ workflowId, inputs });
      setRunFormOpen(false);
      setPanelCollapsed(false);
      runView.select(run.id);
      void versions.reload();
      return {};
    } catch (caught) {
      const problem = describeApiError(caught);
      const errors: Record<string, string> = {};
      for (const issue of problem.issues) errors[issue.path.split('.').at(-1) ?? ''] = issue.message;
      if (problem.issues.length === 0) errors[''] = problem.message;
      return errors;
    }
  };
  const runThreads = (runId: string, nodeId: string) =>
    threads.filter(
      (thread) =>
        'runId' in thread.anchor && thread.anchor.runId === runId && thread.anchor.nodeId === nodeId,
    );

  // Versions.
  const [pinned, setPinned] = useState(options.pinnedVersionId);
  const [comparing, setComparing] = useState<Comparison | null>(null);
  const draft: WorkflowDefinition | null = useMemo(
    () => (comparing ? materialise(session.doc).definition : null),
    [comparing, snapshot, session.doc],
  );
  const diff = useMemo(
    () => (comparing && draft ? diffOverlay(comparing.definition, draft) : null),
    [comparing, draft],
  );

  const overlay = useMemo(() => {
    // A finished run stays on the nodes only while its panel is open; a live one always shows.
    const showRun = !panelCollapsed || (runView.summary !== null && isActiveRun(runView.summary.status));
    const decorations = new Map<string, NodeDecoration>(showRun ? runView.decorations : []);
    for (const [id, decoration] of diff?.decorations ?? []) {
      decorations.set(id, { ...decorations.get(id), ...decoration });
    }
    return {
      decorations,
      ghostNodes: diff?.ghostNodes ?? [],
      ghostEdges: diff?.ghostEdges ?? [],
      edgeClasses: diff?.edgeClasses ?? new Map<string, string>(),
    };
  }, [runView.decorations, runView.summary, panelCollapsed, diff]);

  const revealThread = (editor: EditorApi, thread: CommentThread) => {
    const anchor = thread.anchor;
    if ('runId' in anchor) {
      runView.select(anchor.runId);
      setRunNode(anchor.nodeId);
      setPanelCollapsed(false);
    } else if ('nodeId' in anchor) editor.focusNode(anchor.nodeId);
    else editor.focusPoint(anchor);
  };

  const sidePanel = (editor: EditorApi) => {
    notifyRef.current = editor.notify;
    if (side === 'comments') {
      const runAnchor = pending && 'runId' in pending ? pending : null;
      return (
        <CommentsPanel
          doc={session.commentsDoc}
          threads={threads}
          members={members}
          userId={self.id}
          read={read}
          onRead={markRead}
          selectedId={selectedThread}
          onSelect={setSelectedThread}
          describeAnchor={describeAnchor}
          onReveal={(thread) => revealThread(editor, thread)}
          onClose={() => setSide(null)}
          onError={(message) => editor.notify(message, 'warn')}
          draft={runAnchor ? { label: describeAnchor(runAnchor), composer: composerFor(runAnchor) } : null}
        />
      );
    }
    if (side === 'versions') {
      return (
        <VersionsPanel
          workflowId={workflowId}
          doc={session.doc}
          versions={versions}
          canEdit={canEdit}
          pinnedVersionId={pinned}
          onPinned={setPinned}
          comparing={comparing}
          onCompare={setComparing}
          authorName={personName}
          stopCapturing={editor.stopCapturing}
          notify={editor.notify}
          onClose={() => {
            setSide(null);
            setComparing(null);
          }}
        />
      );
    }
    if (side === 'experiments') {
      return (
        <ExperimentsPanel
          workspaceId={workspaceId}
          workflowId={workflowId}
          runsDoc={session.runsDoc}
          canEdit={canEdit}
          pinnedVersionId={pinned}
          versions={versions.data ?? []}
          onPinned={setPinned}
          onClose={() => setSide(null)}
        />
      );
    }
    return null;
  };

  const bottomPanel = () => (
    <RunPanel
      runs={runView.runs}
      selectedRunId={runView.selectedId}
      summary={runView.summary}
      loadingRun={runView.loadingRun}
      now={runView.now}
      nodeLabel={nodeLabel}
      selectedNodeId={runNode}
      onSelectRun={(runId) => {
        runView.select(runId);
        setPanelCollapsed(false);
      }}
      onSelectNode={setRunNode}
      canControl={canEdit}
      onCancel={(runId) => {
        trpc.runs.cancel.mutate({ runId }).catch((caught) => setError(describeApiError(caught).message));
      }}
      collapsed={panelCollapsed}
      onToggle={() => setPanelCollapsed((current) => !current)}
      onAddToDataset={canEdit ? (runId, succeeded) => setAddingRun({ runId, succeeded }) : undefined}
      height={panelHeight}
      onResize={setPanelHeight}
      threadCount={(runId, nodeId) => runThreads(runId, nodeId).length}
      onComment={(runId, nodeId) => {
        const existing = runThreads(runId, nodeId)[0];
        if (existing) openThread(existing.id);
        else {
          setPending({ runId, nodeId });
          setSelectedThread(null);
          setSide('comments');
        }
      }}
    />
  );

  const editorProps: Partial<WorkflowEditorProps> = {
    overlay,
    onComment: (anchor) => {
      setPending(anchor);
      setSelectedThread(null);
    },
    sidePanel,
    bottomPanel,
    canvasChildren: (
      <CommentPins
        threads={threads.filter((thread) => !('runId' in thread.anchor))}
        members={members}
        userId={self.id}
        read={read}
        selectedId={side === 'comments' ? selectedThread : null}
        onSelect={openThread}
        pending={pending && !('runId' in pending) ? pending : null}
        composer={pending && !('runId' in pending) ? composerFor(pending) : null}
      />
    ),
  };

  const buttons = (
    <div className="topbar__actions">
      <button
        type="button"
        className={`topbar__tool${side === 'comments' ? ' is-active' : ''}`}
        aria-pressed={side === 'comments'}
        aria-label={`Comments${unread > 0 ? `, ${unread} unread` : ''}`}
        title="Comments"
        onClick={() => toggleSide('comments')}
      >
        <Icon name="comment" />
        {unread > 0 && (
          <span className="topbar__unread" data-testid="unread-count">
            {unread}
          </span>
        )}
      </button>
      <button
        type="button"
        className={`topbar__tool${side === 'versions' ? ' is-active' : ''}`}
        aria-pressed={side === 'versions'}
        aria-label="Versions"
        title="Versions"
        onClick={() => toggleSide('versions')}
      >
        <Icon name="history" />
      </button>
      <button
        type="button"
        className={`topbar__tool${side === 'experiments' ? ' is-active' : ''}`}
        aria-pressed={side === 'experiments'}
        aria-label="Experiments"
        title="Experiments"
        onClick={() => toggleSide('experiments')}
      >
        <ExperimentsToolIcon />
      </button>
      {canEdit && (
        <button
          type="button"
          className="button button--primary button--small topbar__run"
          onClick={() => setRunFormOpen(true)}
        >
          <Icon name="play" size={12} />
          Run
        </button>
      )}
    </div>
  );

  const dialogs = (
    <>
      {runFormOpen && (
        <RunForm fields={declaredInputs(graph)} onStart={startRun} onClose={() => setRunFormOpen(false)} />
      )}
      {addingRun && (
        <AddToDatasetDialog
          workspaceId={workspaceId}
          runId={addingRun.runId}
          succeeded={addingRun.succeeded}
          onClose={() => setAddingRun(null)}
          onDone={(message) => {
            setAddingRun(null);
            notifyRef.current(message);
          }}
        />
      )}
    </>
  );

  return { editorProps, buttons, dialogs, comparing };
}
