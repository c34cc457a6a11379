import type { WorkspaceView } from '../../trpc/client';
import { ApiKeysSection } from './api-keys-section';
import { CredentialsSection } from './credentials-section';
import { MembersSection } from './members-section';

/** `/w/:workspaceId/settings`: what each role may manage here follows the api's policy. */
export function SettingsPage({ workspace }: { workspace: WorkspaceView }) {
  return (
    <div className="page page--narrow">
      <div className="page__head">
        <div>
          <h1 className="page__title">Settings</h1>
          <p className="page__subtitle">{workspace.name}</p>
        </div>
      </div>
      <MembersSection workspace={workspace} />
      {workspace.role !== 'viewer' && <CredentialsSection workspace={workspace} />}
      {workspace.role === 'owner' && <ApiKeysSection workspace={workspace} />}
    </div>
  );
}
