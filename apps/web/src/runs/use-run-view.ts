import type { RunEventLike, RunStatus, RunView } from '@tandem/workflow';
import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useQuery } from '../app/use-query';
import type { NodeDecoration } from '../canvas/decorations';
import { trpc } from '../trpc/client';
import type { RunListItem } from './run-panel';
import { isActiveRun, type RunSummary, summariseRun } from './run-timeline';
import { useLiveRuns, useNow } from './use-runs';

/**
 * The run shown on the canvas and in the bottom panel: the newest live run unless the user picked another.
 * Live runs come from the shared runs document (every collaborator sees them as they happen); older ones
 * from `runs.list`, their events from `runs.get` when picked.
 */
export function useRunView(options: {
  workflowId: string;
  runsDoc: Y.Doc;
  graphNodeIds: readonly string[];
  personName: (userId: string | null) => string;
}) {
  const { workflowId, runsDoc, graphNodeIds, personName } = options;
  const live = useLiveRuns(runsDoc);
  const history = useQuery(() => trpc.runs.list.query({ workflowId, limit: 50 }), [workflowId]);
  const [picked, setPicked] = useState<string | null>(null);
  const [archived, setArchived] = useState<RunView | null>(null);
  const [loadingRun, setLoadingRun] = useState(false);

  // A run that appears on the document while you watch (yours or a collaborator's) comes to the front.
  const newest = live[0]?.runId ?? null;
  const seenNewest = useRef(newest);
  useEffect(() => {
    if (newest !== null && newest !== seenNewest.current) setPicked(newest);
    seenNewest.current = newest;
  }, [newest]);

  const selectedId = picked ?? newest ?? history.data?.[0]?.id ?? null;
  const liveRun = live.find((run) => run.runId === selectedId) ?? null;

  useEffect(() => {
    if (!selectedId || liveRun) {
      setArchived(null);
      return;
    }
    let cancelled = false;
    setLoadingRun(true);
    trpc.runs.get
      .query({ runId: selectedId })
      .then(({ run, events }) => {
        if (cancelled) return;
        setArchived({
          runId: run.id,
          versionId: run.versionId,
          status: run.status as RunStatus,
          startedBy: run.startedBy,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          variant: run.variant,
          truncated: false,
          events: events as RunEventLike[],
        });
      })
      .catch(() => !cancelled && setArchived(null))
      .finally(() => !cancelled && setLoadingRun(false));
    return () => {
      cancelled = true;
    };
  }, [selectedId, liveRun !== null]);

  const run = liveRun ?? (archived?.runId === selectedId ? archived : null);
  const summary: RunSummary | null = useMemo(
    () => (run ? summariseRun(run, graphNodeIds) : null),
    [run, graphNodeIds],
  );
  const now = useNow(summary !== null && isActiveRun(summary.status));

  // A run that ends refreshes the history, so it is there once the document drops it.
  const liveStatuses = live.map((entry) => entry.status).join();
  useEffect(() => {
    void history.reload();
  }, [liveStatuses]);

  const runs: RunListItem[] = useMemo(() => {
    const items = new Map<string, RunListItem>();
    for (const entry of live) {
      items.set(entry.runId, {
        runId: entry.runId,
        status: entry.status,
        startedAt: entry.startedAt,
        startedBy: personName(entry.startedBy),
        live: true,
      });
    }
    for (const entry of history.data ?? []) {
      if (items.has(entry.id)) continue;
      items.set(entry.id, {
        runId: entry.id,
        status: entry.status as RunStatus,
        startedAt: entry.startedAt ?? entry.createdAt,
        startedBy: entry.trigger === 'manual' ? personName(entry.startedBy) : `${entry.trigger} trigger`,
        live: false,
      });
    }
    return [...items.values()].sort((a, b) => ((a.startedAt ?? '') < (b.startedAt ?? '') ? 1 : -1));
  }, [live, history.data, personName]);

  const decorations = useMemo(() => {
    const map = new Map<string, NodeDecoration>();
    if (!summary) return map;
    for (const node of summary.nodes) {
      map.set(node.nodeId, {
        run: { status: node.status, preview: node.text, attempts: node.attempts, error: node.error },
      });
    }
    return map;
  }, [summary]);

  return {
    runs,
    selectedId,
    select: setPicked,
    summary,
    loadingRun: loadingRun && !liveRun,
    now,
    decorations,
    reloadHistory: history.reload,
  };
}
