import { randomUUID } from 'node:crypto';
import { INVITATION_TTL_MS } from '@tandem/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, HTTP_TEST_DATABASES, ok, openHarness, type TestClient } from './testing/harness';

type Workspace = { id: string; name: string; role: string; createdAt: string };
type Member = { userId: string; email: string; role: string };
type Invite = { invitation: { id: string; role: string; expiresAt: string }; token: string; path: string };

describe.each(HTTP_TEST_DATABASES)('workspaces and members over HTTP on $name', ({ adminUrl }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(adminUrl);
  });
  afterAll(() => h?.cleanup());

  /** An owner with a workspace, and a helper that brings someone in with a role through an invitation. */
  async function team() {
    const owner = h.client();
    const ownerUser = await owner.signup({ name: 'Olive' });
    const workspace = ok(await owner.mutation<Workspace>('workspaces.create', { name: 'Lab' }));
    const join = async (role: 'owner' | 'editor' | 'viewer') => {
      const person = h.client();
      const user = await person.signup();
      const { token } = ok(
        await owner.mutation<Invite>('members.invite', { workspaceId: workspace.id, role }),
      );
      ok(await person.mutation('members.acceptInvite', { token }));
      return { client: person, user };
    };
    return { owner, ownerUser, workspace, join };
  }

  const members = async (client: TestClient, workspaceId: string) =>
    ok(await client.query<Member[]>('members.list', { workspaceId })).map((m) => [m.userId, m.role]);

  describe('workspaces', () => {
    it('creates, lists with the role, and renames', async () => {
      const { owner, workspace } = await team();
      expect(workspace).toMatchObject({ name: 'Lab', role: 'owner' });
      const second = ok(await owner.mutation<Workspace>('workspaces.create', { name: '  Second  ' }));
      expect(second.name).toBe('Second');
      expect(ok(await owner.query<Workspace[]>('workspaces.list')).map((w) => w.name)).toEqual([
        'Lab',
        'Second',
      ]);
      const renamed = ok(
        await owner.mutation<Workspace>('workspaces.rename', { workspaceId: workspace.id, name: 'Lab 2' }),
      );
      expect(renamed).toMatchObject({ id: workspace.id, name: 'Lab 2', role: 'owner' });
    });

    it('hides another team’s workspace behind NOT_FOUND', async () => {
      const { workspace } = await team();
      const stranger = h.client();
      await stranger.signup();
      const result = await stranger.query('members.list', { workspaceId: workspace.id });
      expect(result.status).toBe(404);
      const missing = await stranger.query('members.list', { workspaceId: randomUUID() });
      expect(missing.status).toBe(404);
      expect(missing.error?.message).toBe(result.error?.message);
    });
  });

  describe('invitations', () => {
    it('makes a link that is shown once, stored hashed, and adds the person who opens it', async () => {
      const { owner, ownerUser, workspace } = await team();
      const invite = ok(
        await owner.mutation<Invite>('members.invite', { workspaceId: workspace.id, role: 'editor' }),
      );
      expect(invite.token).toMatch(/^[a-z2-7]{52}$/);
      expect(invite.path).toBe(`/invite/${invite.token}`);
      expect(invite.invitation.expiresAt).toBe(new Date(h.now().getTime() + INVITATION_TTL_MS).toISOString());
      const pending = ok(await owner.query<unknown[]>('members.invitations', { workspaceId: workspace.id }));
      expect(pending).toEqual([expect.objectContaining({ id: invite.invitation.id, role: 'editor' })]);
      expect(JSON.stringify(pending)).not.toContain(invite.token);

      const anonymous = await h.client().mutation('members.acceptInvite', { token: invite.token });
      expect(anonymous.status).toBe(401);

      const bob = h.client();
      const bobUser = await bob.signup();
      const accepted = ok(
        await bob.mutation<{ workspace: Workspace; joined: boolean }>('members.acceptInvite', {
          token: invite.token,
        }),
      );
      expect(accepted).toMatchObject({ joined: true, workspace: { id: workspace.id, role: 'editor' } });
      expect(await members(owner, workspace.id)).toEqual([
        [ownerUser.id, 'owner'],
        [bobUser.id, 'editor'],
      ]);
      expect(ok(await owner.query<unknown[]>('members.invitations', { workspaceId: workspace.id }))).toEqual(
        [],
      );
    });

    it('works once', async () => {
      const { owner, workspace } = await team();
      const { token } = ok(
        await owner.mutation<Invite>('members.invite', { workspaceId: workspace.id, role: 'viewer' }),
      );
      const first = h.client();
      await first.signup();
      ok(await first.mutation('members.acceptInvite', { token }));
      const second = h.client();
      await second.signup();
      const again = await second.mutation('members.acceptInvite', { token });
      expect(again.status).toBe(404);
      expect(again.error?.message).toMatch(/invalid, was already used, or has expired/);
      expect((await second.query('members.list', { workspaceId: workspace.id })).status).toBe(404);
    });

    it('expires after seven days', async () => {
      const { owner, workspace } = await team();
      const { token } = ok(
        await owner.mutation<Invite>('members.invite', { workspaceId: workspace.id, role: 'viewer' }),
      );
      h.advance(INVITATION_TTL_MS);
      const late = h.client();
      await late.signup();
      expect((await late.mutation('members.acceptInvite', { token })).status).toBe(404);
    });

    it('can be revoked before it is used', async () => {
      const { owner, workspace } = await team();
      const invite = ok(
        await owner.mutation<Invite>('members.invite', { workspaceId: workspace.id, role: 'viewer' }),
      );
      ok(await owner.mutation('members.revokeInvite', { invitationId: invite.invitation.id }));
      expect(
        (await owner.mutation('members.revokeInvite', { invitationId: invite.invitation.id })).status,
      ).toBe(409);
      const person = h.client();
      await person.signup();
      expect((await person.mutation('members.acceptInvite', { token: invite.token })).status).toBe(404);
    });

    it('refuses unknown and garbled tokens alike', async () => {
      const person = h.client();
      await person.signup();
      for (const token of ['a'.repeat(52), 'not-even-base32', 'x']) {
        const result = await person.mutation('members.acceptInvite', { token });
        expect(result.status).toBe(404);
      }
    });

    it('binds to an email when given one', async () => {
      const { owner, workspace } = await team();
      const email = `${randomUUID()}@example.test`;
      const { token } = ok(
        await owner.mutation<Invite>('members.invite', { workspaceId: workspace.id, role: 'editor', email }),
      );
      const wrong = h.client();
      await wrong.signup();
      expect((await wrong.mutation('members.acceptInvite', { token })).status).toBe(403);
      const right = h.client();
      await right.signup({ email });
      expect(ok(await right.mutation<{ joined: boolean }>('members.acceptInvite', { token })).joined).toBe(
        true,
      );
    });

    it('never downgrades an existing member, and raises a lower role', async () => {
      const { owner, workspace, join } = await team();
      const viewer = await join('viewer');
      const asOwner = ok(
        await owner.mutation<Invite>('members.invite', { workspaceId: workspace.id, role: 'viewer' }),
      );
      // The owner opening their own viewer link stays owner, and the link stays usable for its recipient.
      const self = ok(
        await owner.mutation<{ joined: boolean; workspace: Workspace }>('members.acceptInvite', {
          token: asOwner.token,
        }),
      );
      expect(self).toMatchObject({ joined: false, workspace: { role: 'owner' } });
      expect(
        ok(await owner.query<unknown[]>('members.invitations', { workspaceId: workspace.id })),
      ).toHaveLength(1);

      const editorLink = ok(
        await owner.mutation<Invite>('members.invite', { workspaceId: workspace.id, role: 'editor' }),
      );
      ok(await viewer.client.mutation('members.acceptInvite', { token: editorLink.token }));
      expect((await members(owner, workspace.id)).find(([id]) => id === viewer.user.id)).toEqual([
        viewer.user.id,
        'editor',
      ]);
    });
  });

  describe('roles and removal', () => {
    it('lets the owner change roles and remove members, who then lose access', async () => {
      const { owner, workspace, join } = await team();
      const editor = await join('editor');
      ok(
        await owner.mutation('members.setRole', {
          workspaceId: workspace.id,
          userId: editor.user.id,
          role: 'viewer',
        }),
      );
      expect(
        (await editor.client.mutation('workflows.create', { workspaceId: workspace.id, name: 'x' })).status,
      ).toBe(403);
      ok(await owner.mutation('members.remove', { workspaceId: workspace.id, userId: editor.user.id }));
      expect((await editor.client.query('workflows.list', { workspaceId: workspace.id })).status).toBe(404);
      const gone = await owner.mutation('members.setRole', {
        workspaceId: workspace.id,
        userId: editor.user.id,
        role: 'editor',
      });
      expect(gone.status).toBe(404);
    });

    it('never lets the last owner leave or be demoted', async () => {
      const { owner, ownerUser, workspace, join } = await team();
      const demote = await owner.mutation('members.setRole', {
        workspaceId: workspace.id,
        userId: ownerUser.id,
        role: 'editor',
      });
      expect(demote.status).toBe(409);
      expect(demote.error?.message).toMatch(/at least one owner/);
      const leave = await owner.mutation('members.remove', {
        workspaceId: workspace.id,
        userId: ownerUser.id,
      });
      expect(leave.status).toBe(409);
      expect(leave.error?.message).toMatch(/last owner/);

      // With a second owner, the first may step down.
      const second = await join('owner');
      ok(
        await owner.mutation('members.setRole', {
          workspaceId: workspace.id,
          userId: ownerUser.id,
          role: 'editor',
        }),
      );
      expect(
        (
          await second.client.mutation('members.remove', {
            workspaceId: workspace.id,
            userId: second.user.id,
          })
        ).status,
      ).toBe(409);
    });

    it('lets any member leave, but only owners remove others', async () => {
      const { owner, ownerUser, workspace, join } = await team();
      const viewer = await join('viewer');
      const editor = await join('editor');
      expect(
        (
          await editor.client.mutation('members.remove', {
            workspaceId: workspace.id,
            userId: viewer.user.id,
          })
        ).status,
      ).toBe(403);
      ok(
        await viewer.client.mutation('members.remove', { workspaceId: workspace.id, userId: viewer.user.id }),
      );
      expect(await members(owner, workspace.id)).toEqual([
        [ownerUser.id, 'owner'],
        [editor.user.id, 'editor'],
      ]);
    });
  });
});
