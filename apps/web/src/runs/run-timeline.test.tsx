// @vitest-environment jsdom
import type { RunEventLike, RunView } from '@tandem/workflow';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { summariseRun, timelineBars } from './run-timeline';
import { RunTimeline } from './run-timeline-view';

afterEach(cleanup);

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
let seq = 0;
const ev = (ms: number, type: string, extra: Partial<RunEventLike> = {}): RunEventLike => ({
  type,
  runId: 'r1',
  seq: seq++,
  at: at(ms),
  ...extra,
});

function run(events: RunEventLike[], status: RunView['status'] = 'running'): RunView {
  return {
    runId: 'r1',
    versionId: 'v1',
    status,
    startedBy: 'u-ada',
    startedAt: at(0),
    finishedAt: status === 'running' ? null : at(1000),
    variant: null,
    truncated: false,
    events,
  };
}

describe('run timeline from run events', () => {
  it('folds events into per-node states, queued for nodes not reached yet', () => {
    const summary = summariseRun(
      run([
        ev(0, 'run.started'),
        ev(0, 'node.started', { nodeId: 'in', attempt: 1 }),
        ev(10, 'node.completed', { nodeId: 'in', output: { q: 'hi' }, latencyMs: 10 }),
        ev(20, 'node.started', { nodeId: 'llm', attempt: 1 }),
        ev(30, 'node.retrying', {
          nodeId: 'llm',
          attempt: 1,
          error: { message: 'rate', kind: 'operational' },
        }),
        ev(40, 'node.started', { nodeId: 'llm', attempt: 2 }),
        ev(60, 'node.delta', { nodeId: 'llm', text: 'Hel' }),
        ev(70, 'node.delta', { nodeId: 'llm', text: 'lo' }),
      ]),
      ['in', 'llm', 'out'],
    );
    const byNode = Object.fromEntries(summary.nodes.map((node) => [node.nodeId, node]));
    expect(byNode.in?.status).toBe('done');
    expect(byNode.llm?.status).toBe('streaming');
    expect(byNode.llm?.text).toBe('Hello');
    expect(byNode.llm?.attempts).toBe(2);
    expect(byNode.out?.status).toBe('queued');
  });

  it('turns events into bars with durations, tokens and cost', () => {
    const summary = summariseRun(
      run(
        [
          ev(0, 'run.started'),
          ev(0, 'node.started', { nodeId: 'in', attempt: 1 }),
          ev(100, 'node.completed', { nodeId: 'in', output: 1, latencyMs: 100 }),
          ev(100, 'node.started', { nodeId: 'llm', attempt: 1 }),
          ev(850, 'node.completed', {
            nodeId: 'llm',
            output: 'ok',
            latencyMs: 750,
            usage: { tokensIn: 12, tokensOut: 30, costUsd: 0.0021 },
          }),
          ev(900, 'node.skipped', { nodeId: 'http', reason: 'branch not taken' }),
          ev(1000, 'run.completed', { outputs: {}, latencyMs: 1000 }),
        ],
        'succeeded',
      ),
    );
    const { bars, spanMs } = timelineBars(summary, T0 + 5000);
    expect(spanMs).toBe(1000);
    expect(bars.map((bar) => [bar.nodeId, bar.offsetMs, bar.durationMs])).toEqual([
      ['in', 0, 100],
      ['llm', 100, 750],
      ['http', 900, 0],
    ]);
    expect(bars[1]?.leftPct).toBeCloseTo(10);
    expect(bars[1]?.widthPct).toBeCloseTo(75);

    render(
      <RunTimeline
        summary={summary}
        now={T0 + 5000}
        nodeLabel={(id) => `Node ${id}`}
        selectedNodeId={null}
        onSelectNode={() => {}}
      />,
    );
    const llmRow = document.querySelector('[data-node-id="llm"]') as HTMLElement;
    expect(llmRow.textContent).toContain('Node llm');
    expect(llmRow.textContent).toContain('750 ms');
    expect(llmRow.textContent).toContain('42 tok');
    expect(llmRow.textContent).toContain('$0.0021');
    expect(llmRow.dataset.status).toBe('done');
    const bar = llmRow.querySelector('.timeline__bar') as HTMLElement;
    expect(bar.style.left).toBe('10%');
    expect(screen.getByText('Node http').closest('button')?.dataset.status).toBe('skipped');
  });

  it('grows a running node’s bar with the clock', () => {
    const summary = summariseRun(
      run([ev(0, 'run.started'), ev(200, 'node.started', { nodeId: 'llm', attempt: 1 })]),
    );
    expect(timelineBars(summary, T0 + 700).bars[0]?.durationMs).toBe(500);
    expect(timelineBars(summary, T0 + 1200).bars[0]?.durationMs).toBe(1000);
  });
});
