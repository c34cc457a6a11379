import type { Role } from '@tandem/db';
import { describe, expect, it } from 'vitest';
import { type Action, can, POLICY, refusalMessage } from './policy';

const ROLES: Role[] = ['viewer', 'editor', 'owner'];

/** The policy spelled out: which roles may do each action. A change to POLICY must change this too. */
const EXPECTED: Record<Action, Role[]> = {
  'workspace.read': ['viewer', 'editor', 'owner'],
  'workspace.rename': ['owner'],
  'member.list': ['viewer', 'editor', 'owner'],
  'member.invite': ['owner'],
  'member.setRole': ['owner'],
  'member.remove': ['owner'],
  'member.leave': ['viewer', 'editor', 'owner'],
  'invitation.list': ['owner'],
  'invitation.revoke': ['owner'],
  'workflow.list': ['viewer', 'editor', 'owner'],
  'workflow.read': ['viewer', 'editor', 'owner'],
  'workflow.export': ['viewer', 'editor', 'owner'],
  'workflow.edit': ['editor', 'owner'],
  'workflow.create': ['editor', 'owner'],
  'workflow.import': ['editor', 'owner'],
  'workflow.duplicate': ['editor', 'owner'],
  'workflow.rename': ['editor', 'owner'],
  'workflow.delete': ['editor', 'owner'],
  'version.list': ['viewer', 'editor', 'owner'],
  'version.read': ['viewer', 'editor', 'owner'],
  'version.create': ['editor', 'owner'],
  'version.restore': ['editor', 'owner'],
  'version.pin': ['editor', 'owner'],
  'run.list': ['viewer', 'editor', 'owner'],
  'run.read': ['viewer', 'editor', 'owner'],
  'run.start': ['editor', 'owner'],
  'run.cancel': ['editor', 'owner'],
  'dataset.list': ['viewer', 'editor', 'owner'],
  'dataset.read': ['viewer', 'editor', 'owner'],
  'dataset.write': ['editor', 'owner'],
  'experiment.list': ['viewer', 'editor', 'owner'],
  'experiment.read': ['viewer', 'editor', 'owner'],
  'experiment.write': ['editor', 'owner'],
  'canary.manage': ['editor', 'owner'],
  'credential.list': ['editor', 'owner'],
  'credential.set': ['owner'],
  'credential.delete': ['owner'],
  'apiKey.list': ['owner'],
  'apiKey.create': ['owner'],
  'apiKey.revoke': ['owner'],
};

describe('can', () => {
  it('follows the policy table for every action and role', () => {
    expect(Object.keys(POLICY).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const action of Object.keys(EXPECTED) as Action[]) {
      for (const role of ROLES) {
        expect(can({ id: 'u' }, action, { role }), `${role} → ${action}`).toBe(
          EXPECTED[action].includes(role),
        );
      }
    }
  });

  it('refuses anonymous callers and non-members everything', () => {
    for (const action of Object.keys(POLICY) as Action[]) {
      expect(can(null, action, { role: 'owner' })).toBe(false);
      expect(can({ id: 'u' }, action, { role: null })).toBe(false);
    }
  });

  it('only ever widens from viewer to editor to owner', () => {
    for (const action of Object.keys(POLICY) as Action[]) {
      const allowed = ROLES.map((role) => can({ id: 'u' }, action, { role }));
      expect(allowed).toEqual([...allowed].sort((a, b) => Number(a) - Number(b)));
    }
  });
});

describe('refusalMessage', () => {
  it('says who may do it and what the caller is', () => {
    expect(refusalMessage('member.invite', 'editor')).toBe(
      'Only owners can invite members; you are an editor here. Ask an owner of this workspace.',
    );
    expect(refusalMessage('workflow.create', 'viewer')).toBe(
      'Only editors and owners can create workflows; you are a viewer here. Ask an owner for editor access.',
    );
  });
});
