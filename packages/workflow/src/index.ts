export {
  type AddNodeInput,
  addNode,
  type ConnectInput,
  connect,
  createWorkflowDoc,
  disconnect,
  initWorkflowDoc,
  moveNode,
  promptText,
  removeNode,
  setConfig,
  setLabel,
  setMeta,
  type WorkflowMetaInit,
} from './accessors';
export {
  CLOSE_CODES,
  type CloseReason,
  closeCodeFor,
  closeReasonFor,
  isCloseReason,
} from './close-codes';
export {
  type AddThreadInput,
  addThread,
  type CommentInput,
  type CommentThread,
  observeComments,
  readThreads,
  replyToThread,
  setThreadResolved,
} from './comments';
export {
  COMMENTS_ROOTS,
  type CommentAnchor,
  type CommentMessage,
  type CommentMessageSet,
  commentAnchorSchema,
  commentMessageSchema,
  commentMessagesAdded,
  readCommentMessages,
  type StoredCommentMessage,
} from './comments-doc';
export { type ChangedItem, diff, type WorkflowDiff } from './diff';
export { CURRENT_SCHEMA_VERSION, undoScope } from './doc-layout';
export type { DocumentKind, DocumentName } from './document-name';
export { documentName, parseDocumentName } from './document-name';
export {
  type ErrorIssue,
  OperationalError,
  SchemaVersionError,
  UserError,
  type UserErrorCode,
} from './errors';
export {
  assertNever,
  type CompareOperator,
  type ExpressionError,
  type ExpressionNode,
  expressionReferences,
  type ParseExpressionResult,
  parseExpression,
} from './expression';
export { contentHash } from './hash';
export { type MaterialiseResult, materialise } from './materialise';
export { DOC_MIGRATIONS, type DocMigration, docSchemaVersion, migrateDoc } from './migrations';
export {
  type FieldSyntax,
  fieldLabel,
  fieldSyntax,
  isNodeType,
  NODE_TYPE_SPECS,
  NODE_TYPES,
  type NodeType,
  type NodeTypeSpec,
} from './node-types';
export {
  type CollabNotice,
  collabNoticeSchema,
  encodeNotice,
  MEMBER_ROLES,
  type MemberRole,
  parseNotice,
} from './notices';
export { type ParseWorkflowJsonResult, parseWorkflowJson } from './parse-json';
export { PROBLEM_CODES, type Problem, type ProblemCode } from './problems';
export { pruneDanglingEdges } from './prune';
export {
  type Graph,
  type GraphEdge,
  type GraphMeta,
  type GraphNode,
  mergeWorkflowChanges,
  observeWorkflow,
  observeWorkflowChanges,
  readGraph,
  readGraphNode,
  updateGraph,
  type WorkflowChange,
} from './read-graph';
export { formatReference, parseReference, type Reference } from './references';
export { replaceGraph } from './replace-graph';
export {
  appendRunEvents,
  observeRuns,
  RUN_STATUSES,
  type RunEventLike,
  type RunStart,
  type RunStatus,
  type RunView,
  readRuns,
  writeRunStart,
} from './runs-doc';
export {
  type ExperimentProgress,
  experimentProgressSchema,
  observeExperimentProgress,
  readExperimentProgress,
  writeExperimentProgress,
} from './runs-doc-experiments';
export { createSampleWorkflow } from './sample';
export {
  CONFIG_SCHEMAS,
  type CodeConfig,
  type ConditionConfig,
  type ConfigOf,
  defaultConfig,
  type EdgeDefinition,
  edgeDefinitionSchema,
  type HttpConfig,
  type InputConfig,
  type InputField,
  type LlmConfig,
  type MergeConfig,
  type NodeDefinition,
  type NodeDefinitionOf,
  nodeDefinitionSchema,
  type OutputConfig,
  type Position,
  type TemplateConfig,
  type WorkflowDefinition,
  workflowDefinitionSchema,
} from './schemas';
export { sha256 } from './sha256';
export {
  malformedReferences,
  type TemplatePlaceholder,
  templatePlaceholders,
  templateReferences,
} from './template-refs';
export { validate } from './validate';
