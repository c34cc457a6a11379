import type { NodeDefinitionOf, NodeType } from '@tandem/workflow';
import type { RunLimits } from '../limits';
import type { CodeSandbox, EnginePorts } from '../ports';
import type { Scope } from '../scope';

export type NodeUsage = { tokensIn: number; tokensOut: number; costUsd: number | null };

/** What a node produced: its output and, for model calls, usage; a condition also names its branch. */
export type NodeResult = { output: unknown; usage?: NodeUsage; branch?: 'true' | 'false' };

/** Everything one attempt of one node may use. */
export type NodeContext = {
  runId: string;
  attempt: number;
  /** Aborted on node timeout, run timeout, cancellation or another node's failure. */
  signal: AbortSignal;
  scope: Scope;
  /** Sources of the live edges into this node, in edge order. */
  liveSources: readonly string[];
  /** Every node upstream of this one. */
  ancestors: ReadonlySet<string>;
  ports: EnginePorts & { code: CodeSandbox };
  limits: RunLimits;
  /** Streams a piece of the node's output as a `node.delta` event. */
  onDelta: (text: string) => void;
};

export type NodeExecutor<T extends NodeType> = (
  node: NodeDefinitionOf<T>,
  context: NodeContext,
) => Promise<NodeResult>;
