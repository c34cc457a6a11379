import type { NodeType } from '@tandem/workflow';
import type { ComponentType } from 'react';
import { CodeNode } from './code-node';
import { ConditionNode } from './condition-node';
import { GhostNode } from './ghost-node';
import { HttpNode } from './http-node';
import { InputNode } from './input-node';
import { LlmNode } from './llm-node';
import { MergeNode } from './merge-node';
import { OutputNode } from './output-node';
import { TemplateNode } from './template-node';
import { UnknownNode } from './unknown-node';

/**
 * React Flow's node registry. Defined once at module level: a new object per render would remount every node.
 * Typed as a record over every node type so a new type in `@tandem/workflow` fails to compile here.
 */
export const NODE_COMPONENTS = {
  input: InputNode,
  llm: LlmNode,
  template: TemplateNode,
  condition: ConditionNode,
  http: HttpNode,
  code: CodeNode,
  merge: MergeNode,
  output: OutputNode,
  unknown: UnknownNode,
  ghost: GhostNode,
} satisfies Record<NodeType | 'unknown' | 'ghost', ComponentType<never>>;
