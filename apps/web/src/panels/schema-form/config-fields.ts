import { CONFIG_SCHEMAS, NODE_TYPE_SPECS, type NodeType } from '@tandem/workflow';
import { describeObject, type FieldEntry } from './describe-schema';

export type ConfigField = { entry: FieldEntry; prompt: boolean };

const cache = new Map<NodeType, ConfigField[]>();

/** The form fields of a node type (computed once per type: schemas never change at run time). */
export function describeConfig(type: NodeType): ConfigField[] {
  let fields = cache.get(type);
  if (!fields) {
    const prompts = NODE_TYPE_SPECS[type].promptFields;
    fields = describeObject(CONFIG_SCHEMAS[type]).map((entry) => ({
      entry,
      prompt: prompts.includes(entry.key),
    }));
    cache.set(type, fields);
  }
  return fields;
}
