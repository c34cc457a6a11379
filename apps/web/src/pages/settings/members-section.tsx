import { useState } from 'react';
import { navigate } from '../../app/history';
import { paths } from '../../app/routes';
import { useUser } from '../../app/session';
import { useQuery } from '../../app/use-query';
import { useWorkspaces } from '../../app/workspaces';
import { type MemberView, type Role, trpc, type WorkspaceView } from '../../trpc/client';
import { describeApiError } from '../../trpc/errors';
import { Avatar } from '../../ui/avatar';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { relativeTime } from '../../ui/relative-time';
import { useNotify } from '../../ui/toast-context';
import { ROLE_HELP, RoleSelect } from './role-select';
import { SecretReveal } from './secret-reveal';

/** Members with their roles; owners invite by link, change roles and remove; anyone may leave. */
export function MembersSection({ workspace }: { workspace: WorkspaceView }) {
  const me = useUser();
  const notify = useNotify();
  const { reload: reloadWorkspaces } = useWorkspaces();
  const isOwner = workspace.role === 'owner';
  const members = useQuery(() => trpc.members.list.query({ workspaceId: workspace.id }), [workspace.id]);
  const invitations = useQuery(
    () => (isOwner ? trpc.members.invitations.query({ workspaceId: workspace.id }) : Promise.resolve([])),
    [workspace.id, isOwner],
  );
  const [inviteRole, setInviteRole] = useState<Role>('editor');
  const [link, setLink] = useState<{ url: string; role: Role } | null>(null);
  const [removing, setRemoving] = useState<MemberView | null>(null);

  const invite = async () => {
    try {
      const { path } = await trpc.members.invite.mutate({ workspaceId: workspace.id, role: inviteRole });
      setLink({ url: `${window.location.origin}${path}`, role: inviteRole });
      void invitations.reload();
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    }
  };

  const setRole = async (member: MemberView, role: Role) => {
    try {
      await trpc.members.setRole.mutate({ workspaceId: workspace.id, userId: member.userId, role });
      members.setData((list) => list?.map((m) => (m.userId === member.userId ? { ...m, role } : m)));
      notify(`${member.name} is now ${role === 'owner' ? 'an owner' : `an ${role}`}.`, 'ok');
      if (member.userId === me.id) void reloadWorkspaces();
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    }
  };

  const remove = async (member: MemberView) => {
    const leaving = member.userId === me.id;
    try {
      await trpc.members.remove.mutate({ workspaceId: workspace.id, userId: member.userId });
      if (leaving) {
        await reloadWorkspaces();
        navigate(paths.home(), { replace: true });
        notify(`You left ${workspace.name}.`, 'ok');
        return;
      }
      members.setData((list) => list?.filter((m) => m.userId !== member.userId));
      notify(`${member.name} was removed.`, 'ok');
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="members-title">
      <header className="settings-section__head">
        <h2 id="members-title">Members</h2>
        <p>People in {workspace.name} and what they can do.</p>
      </header>
      {isOwner && (
        <div className="invite-box">
          <div className="invite-box__row">
            <span>Invite someone as</span>
            <RoleSelect label="Role for the invitation" value={inviteRole} onChange={setInviteRole} />
            <button type="button" className="button button--primary" onClick={() => void invite()}>
              Create invite link
            </button>
          </div>
          <p className="muted">
            The {inviteRole} {ROLE_HELP[inviteRole]}. Links work once and expire in 7 days.
          </p>
          {link && (
            <SecretReveal
              label="Invitation link"
              value={link.url}
              note={`Send this link to the person you are inviting as ${link.role}. It is shown only now.`}
            />
          )}
        </div>
      )}
      {members.error && !members.data ? (
        <p className="form-alert">{members.error.message}</p>
      ) : !members.data ? (
        <p className="muted">Loading members…</p>
      ) : (
        <ul className="member-list" aria-label="Members">
          {members.data.map((member) => {
            const self = member.userId === me.id;
            return (
              <li key={member.userId} className="member" data-testid="member-row">
                <Avatar name={member.name} color={member.color} size={32} />
                <div className="member__who">
                  <span className="member__name">
                    {member.name}
                    {self && <span className="muted"> (you)</span>}
                  </span>
                  <span className="member__email">{member.email}</span>
                </div>
                <span className="member__since muted">joined {relativeTime(member.joinedAt)}</span>
                {isOwner && !self ? (
                  <RoleSelect
                    label={`Role of ${member.name}`}
                    value={member.role}
                    onChange={(role) => void setRole(member, role)}
                  />
                ) : (
                  <span className="role-tag">{member.role}</span>
                )}
                {(isOwner || self) && (
                  <button type="button" className="button button--small" onClick={() => setRemoving(member)}>
                    {self ? 'Leave' : 'Remove'}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {isOwner && invitations.data && invitations.data.length > 0 && (
        <div className="pending">
          <h3>Open invitations</h3>
          <ul className="plain-list">
            {invitations.data.map((invitation) => (
              <li key={invitation.id} className="plain-list__row">
                <span className="role-tag">{invitation.role}</span>
                <span>{invitation.email ?? 'Anyone with the link'}</span>
                <span className="muted">expires {relativeTime(invitation.expiresAt)}</span>
                <button
                  type="button"
                  className="button button--small"
                  onClick={async () => {
                    try {
                      await trpc.members.revokeInvite.mutate({ invitationId: invitation.id });
                      invitations.setData((list) => list?.filter((i) => i.id !== invitation.id));
                    } catch (error) {
                      notify(describeApiError(error).message, 'warn');
                    }
                  }}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={removing.userId === me.id ? `Leave ${workspace.name}?` : `Remove ${removing.name}?`}
          confirmLabel={removing.userId === me.id ? 'Leave workspace' : 'Remove member'}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await remove(removing);
            setRemoving(null);
          }}
        >
          <p>
            {removing.userId === me.id
              ? 'You lose access to its workflows at once. An owner can invite you again.'
              : `${removing.name} loses access at once, including workflows they have open right now.`}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
