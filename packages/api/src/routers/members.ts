import type { Role } from '@tandem/db';
import { UserError } from '@tandem/workflow';
import { z } from 'zod';
import { ownedResourceAccess, workspaceAccess } from '../access/access';
import { hashToken, randomToken } from '../auth/tokens';
import { invitationDto, memberDto, workspaceDto } from '../dto';
import { emailInput, idInput, roleInput } from '../inputs';
import { authedProcedure, router } from '../trpc';

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;
const INVITATION_TOKEN_BYTES = 32;

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

const LAST_OWNER = 'A workspace needs at least one owner. Make someone else an owner first.';
const NOT_A_MEMBER = 'That person is not a member of this workspace.';
const INVITATION_UNUSABLE =
  'This invitation link is invalid, was already used, or has expired. Ask the workspace owner for a new one.';
const INVITATION_NOT_FOUND = 'Invitation not found.';

export const membersRouter = router({
  list: authedProcedure.input(z.object({ workspaceId: idInput })).query(async ({ ctx, input }) => {
    const { repos } = ctx.services;
    await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'member.list');
    return (await repos.workspaces.listMembers(input.workspaceId)).map(memberDto);
  }),

  /**
   * Creates an invitation link; the token is in the answer once and only its hash is stored. No mail is
   * sent: the owner copies the link. With `email`, only the account with that email can accept it.
   */
  invite: authedProcedure
    .input(z.object({ workspaceId: idInput, role: roleInput, email: emailInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'member.invite');
      const token = randomToken(INVITATION_TOKEN_BYTES);
      const invitation = await repos.invitations.create({
        workspaceId: input.workspaceId,
        tokenHash: hashToken(token),
        role: input.role,
        email: input.email ?? null,
        invitedBy: ctx.auth.user.id,
        createdAt: ctx.now,
        expiresAt: new Date(ctx.now.getTime() + INVITATION_TTL_MS),
      });
      return { invitation: invitationDto(invitation), token, path: `/invite/${token}` };
    }),

  /**
   * Joins the workspace of an invitation. Already a member: the role only ever goes up, and an
   * invitation that would change nothing is left unused for the person it was meant for.
   */
  acceptInvite: authedProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const user = ctx.auth.user;
      return ctx.services.transact(async (repos) => {
        const invitation = await repos.invitations.findByTokenHash(hashToken(input.token), {
          forUpdate: true,
        });
        const usable =
          invitation && !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > ctx.now;
        if (!usable) throw new UserError('NOT_FOUND', INVITATION_UNUSABLE);
        if (invitation.email !== null && invitation.email !== user.email) {
          throw new UserError(
            'FORBIDDEN',
            `This invitation is for ${invitation.email}. Log in with that account.`,
          );
        }
        const workspace = await repos.workspaces.get(invitation.workspaceId);
        if (!workspace) throw new UserError('NOT_FOUND', INVITATION_UNUSABLE);
        const existing = await repos.workspaces.getMembership(invitation.workspaceId, user.id);
        if (existing && RANK[existing.role] >= RANK[invitation.role]) {
          return { workspace: workspaceDto(workspace, existing.role), joined: false };
        }
        if (existing) await repos.workspaces.setRole(invitation.workspaceId, user.id, invitation.role);
        else await repos.workspaces.addMember(invitation.workspaceId, user.id, invitation.role);
        if (!(await repos.invitations.markAccepted(invitation.id, user.id, ctx.now))) {
          throw new UserError('NOT_FOUND', INVITATION_UNUSABLE);
        }
        return { workspace: workspaceDto(workspace, invitation.role), joined: true };
      });
    }),

  setRole: authedProcedure
    .input(z.object({ workspaceId: idInput, userId: idInput, role: roleInput }))
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'member.setRole');
      const outcome = await repos.workspaces.updateMember(input.workspaceId, input.userId, {
        role: input.role,
      });
      if (outcome === 'not-member') throw new UserError('NOT_FOUND', NOT_A_MEMBER);
      if (outcome === 'last-owner') throw new UserError('CONFLICT', LAST_OWNER);
      return { userId: input.userId, role: input.role };
    }),

  /** Removes a member (owners), or the caller themselves (anyone: leaving), never the last owner. */
  remove: authedProcedure
    .input(z.object({ workspaceId: idInput, userId: idInput }))
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      const leaving = input.userId === ctx.auth.user.id;
      await workspaceAccess(
        repos,
        ctx.auth.user.id,
        input.workspaceId,
        leaving ? 'member.leave' : 'member.remove',
      );
      const outcome = await repos.workspaces.updateMember(input.workspaceId, input.userId, { remove: true });
      if (outcome === 'not-member') throw new UserError('NOT_FOUND', NOT_A_MEMBER);
      if (outcome === 'last-owner') {
        throw new UserError(
          'CONFLICT',
          leaving ? 'You are the last owner. Make someone else an owner before you leave.' : LAST_OWNER,
        );
      }
      return { ok: true as const };
    }),

  /** Invitations that can still be accepted (their tokens are not stored, so links cannot be shown again). */
  invitations: authedProcedure.input(z.object({ workspaceId: idInput })).query(async ({ ctx, input }) => {
    const { repos } = ctx.services;
    await workspaceAccess(repos, ctx.auth.user.id, input.workspaceId, 'invitation.list');
    return (await repos.invitations.listOpen(input.workspaceId, ctx.now)).map(invitationDto);
  }),

  revokeInvite: authedProcedure
    .input(z.object({ invitationId: idInput }))
    .mutation(async ({ ctx, input }) => {
      const { repos } = ctx.services;
      const invitation = await repos.invitations.get(input.invitationId);
      await ownedResourceAccess(
        repos,
        ctx.auth.user.id,
        invitation,
        'invitation.revoke',
        INVITATION_NOT_FOUND,
      );
      const revoked = await repos.invitations.revoke(input.invitationId, ctx.now);
      if (!revoked) {
        throw new UserError('CONFLICT', 'This invitation was already used, revoked, or has expired.');
      }
      return invitationDto(revoked);
    }),
});
