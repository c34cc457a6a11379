import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { TandemDb } from '../client';
import { inTransaction, type Repositories } from '../repositories/index';
import { credentials, sessions, users } from '../schema/index';

const HOUR = 3_600_000;
const hash = () => new Uint8Array(randomBytes(32));

/**
 * The account-side repositories (users' passwords, sessions, memberships' owner rule, invitations, API
 * keys, credentials, transactions). Part of the repository contract: `get` returns the suite's migrated
 * database once `beforeAll` has run.
 */
export function defineAccountRepositoryContract(get: () => { db: TandemDb; repos: Repositories }): void {
  async function newUser(email = `${randomUUID()}@example.test`) {
    return get().repos.users.create({ email, name: 'Lin', passwordHash: 'h0', color: '#336699' });
  }

  async function newWorkspace() {
    const owner = await newUser();
    const { workspace } = await get().repos.workspaces.create({ name: 'Team', ownerId: owner.id });
    return { owner, workspace };
  }

  describe('users: ids and passwords', () => {
    it('accepts a caller-chosen id and replaces the password hash', async () => {
      const { repos } = get();
      const id = randomUUID();
      const user = await repos.users.create({
        id,
        email: `${id}@example.test`,
        name: 'N',
        passwordHash: 'a',
        color: '#000',
      });
      expect(user.id).toBe(id);
      expect(await repos.users.setPasswordHash(id, 'b')).toBe(true);
      expect((await repos.users.findById(id))?.passwordHash).toBe('b');
      expect(await repos.users.setPasswordHash(randomUUID(), 'c')).toBe(false);
    });
  });

  describe('sessions', () => {
    it('stores a session with its hash and finds it with its user', async () => {
      const { repos } = get();
      const user = await newUser();
      const at = new Date('2030-01-01T00:00:00.000Z');
      const secretHash = hash();
      const id = randomUUID();
      await repos.sessions.create({ id, userId: user.id, secretHash, createdAt: at, lastVerifiedAt: at });
      const found = await repos.sessions.getWithUser(id);
      expect(found?.user).toEqual({ id: user.id, email: user.email, name: 'Lin', color: '#336699' });
      expect(found?.session).toMatchObject({ id, userId: user.id, createdAt: at, lastVerifiedAt: at });
      expect(found?.session.secretHash).toEqual(secretHash);
      expect(found?.user).not.toHaveProperty('passwordHash');
      expect(await repos.sessions.getWithUser('missing')).toBeNull();
    });

    it('moves last_verified_at forward only', async () => {
      const { repos } = get();
      const user = await newUser();
      const at = new Date('2030-01-01T00:00:00.000Z');
      const id = randomUUID();
      await repos.sessions.create({
        id,
        userId: user.id,
        secretHash: hash(),
        createdAt: at,
        lastVerifiedAt: at,
      });
      const later = new Date(at.getTime() + 2 * HOUR);
      await repos.sessions.touch(id, later);
      await repos.sessions.touch(id, new Date(at.getTime() + HOUR));
      expect((await repos.sessions.getWithUser(id))?.session.lastVerifiedAt).toEqual(later);
    });

    it('deletes one, all but one, all of a user, and the inactive ones', async () => {
      const { repos } = get();
      const user = await newUser();
      const other = await newUser();
      const at = new Date('2030-01-01T00:00:00.000Z');
      const make = async (userId: string, lastVerifiedAt = at) => {
        const id = randomUUID();
        await repos.sessions.create({ id, userId, secretHash: hash(), createdAt: at, lastVerifiedAt });
        return id;
      };
      const [a, b, c] = [await make(user.id), await make(user.id), await make(user.id)];
      const theirs = await make(other.id);
      expect(await repos.sessions.delete(a)).toBe(true);
      expect(await repos.sessions.delete(a)).toBe(false);
      expect(await repos.sessions.deleteForUser(user.id, { except: b })).toBe(1);
      expect((await repos.sessions.listForUser(user.id)).map((s) => s.id)).toEqual([b]);
      expect(await repos.sessions.getWithUser(c)).toBeNull();
      expect(await repos.sessions.deleteForUser(user.id)).toBe(1);
      expect(await repos.sessions.getWithUser(theirs)).not.toBeNull();

      const old = await make(other.id, new Date('2000-01-01T00:00:00.000Z'));
      expect(
        await repos.sessions.deleteVerifiedBefore(new Date('2000-01-02T00:00:00.000Z')),
      ).toBeGreaterThanOrEqual(1);
      expect(await repos.sessions.getWithUser(old)).toBeNull();
      expect(await repos.sessions.getWithUser(theirs)).not.toBeNull();
    });

    it('disappear with their user', async () => {
      const { db, repos } = get();
      const user = await newUser();
      const id = randomUUID();
      await repos.sessions.create({
        id,
        userId: user.id,
        secretHash: hash(),
        createdAt: new Date(),
        lastVerifiedAt: new Date(),
      });
      await db.delete(users).where(eq(users.id, user.id));
      expect(await db.select().from(sessions).where(eq(sessions.id, id))).toEqual([]);
    });
  });

  describe('workspace owners', () => {
    it('renames a workspace', async () => {
      const { repos } = get();
      const { workspace } = await newWorkspace();
      expect((await repos.workspaces.rename(workspace.id, 'Renamed'))?.name).toBe('Renamed');
      expect(await repos.workspaces.rename(randomUUID(), 'x')).toBeNull();
    });

    it('changes roles and removes members but never the last owner', async () => {
      const { repos } = get();
      const { owner, workspace } = await newWorkspace();
      const second = await newUser();
      await repos.workspaces.addMember(workspace.id, second.id, 'editor');

      expect(await repos.workspaces.updateMember(workspace.id, owner.id, { role: 'editor' })).toBe(
        'last-owner',
      );
      expect(await repos.workspaces.updateMember(workspace.id, owner.id, { remove: true })).toBe(
        'last-owner',
      );
      expect(await repos.workspaces.updateMember(workspace.id, owner.id, { role: 'owner' })).toBe('updated');
      expect(await repos.workspaces.updateMember(workspace.id, randomUUID(), { role: 'owner' })).toBe(
        'not-member',
      );

      expect(await repos.workspaces.updateMember(workspace.id, second.id, { role: 'owner' })).toBe('updated');
      expect(await repos.workspaces.updateMember(workspace.id, owner.id, { remove: true })).toBe('removed');
      expect(await repos.workspaces.getMembership(workspace.id, owner.id)).toBeNull();
      expect(await repos.workspaces.countOwners(workspace.id)).toBe(1);
    });

    it('keeps an owner when two owners demote each other at the same time', async () => {
      const { repos } = get();
      const { owner, workspace } = await newWorkspace();
      const second = await newUser();
      await repos.workspaces.addMember(workspace.id, second.id, 'owner');
      const results = await Promise.all([
        repos.workspaces.updateMember(workspace.id, owner.id, { role: 'viewer' }),
        repos.workspaces.updateMember(workspace.id, second.id, { role: 'viewer' }),
      ]);
      expect(results.sort()).toEqual(['last-owner', 'updated']);
      expect(await repos.workspaces.countOwners(workspace.id)).toBe(1);
    });
  });

  describe('invitations', () => {
    it('finds by token hash, lists open ones and is accepted once', async () => {
      const { repos } = get();
      const { owner, workspace } = await newWorkspace();
      const invitee = await newUser();
      const now = new Date('2030-01-01T00:00:00.000Z');
      const tokenHash = hash();
      const invitation = await repos.invitations.create({
        workspaceId: workspace.id,
        tokenHash,
        role: 'editor',
        invitedBy: owner.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 7 * 24 * HOUR),
      });
      expect(invitation).not.toHaveProperty('tokenHash');
      expect(invitation).toMatchObject({ role: 'editor', email: null, acceptedAt: null });
      expect((await repos.invitations.findByTokenHash(tokenHash))?.id).toBe(invitation.id);
      expect(await repos.invitations.findByTokenHash(hash())).toBeNull();
      expect((await repos.invitations.listOpen(workspace.id, now)).map((i) => i.id)).toEqual([invitation.id]);

      expect(await repos.invitations.markAccepted(invitation.id, invitee.id, now)).toBe(true);
      expect(await repos.invitations.markAccepted(invitation.id, owner.id, now)).toBe(false);
      expect(await repos.invitations.get(invitation.id)).toMatchObject({
        acceptedBy: invitee.id,
        acceptedAt: now,
      });
      expect(await repos.invitations.listOpen(workspace.id, now)).toEqual([]);
    });

    it('cannot be accepted once expired or revoked', async () => {
      const { repos } = get();
      const { owner, workspace } = await newWorkspace();
      const now = new Date('2030-01-01T00:00:00.000Z');
      const make = () =>
        repos.invitations.create({
          workspaceId: workspace.id,
          tokenHash: hash(),
          role: 'viewer',
          email: 'someone@example.test',
          invitedBy: owner.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + HOUR),
        });
      const expiring = await make();
      const later = new Date(now.getTime() + HOUR);
      expect(await repos.invitations.listOpen(workspace.id, later)).toEqual([]);
      expect(await repos.invitations.markAccepted(expiring.id, owner.id, later)).toBe(false);

      const revoked = await make();
      expect((await repos.invitations.revoke(revoked.id, now))?.revokedAt).toEqual(now);
      expect(await repos.invitations.revoke(revoked.id, now)).toBeNull();
      expect(await repos.invitations.markAccepted(revoked.id, owner.id, now)).toBe(false);
    });
  });

  describe('api keys', () => {
    it('stores a hash, lists without it, finds by prefix, revokes once and records use', async () => {
      const { repos } = get();
      const { owner, workspace } = await newWorkspace();
      const keyHash = hash();
      const prefix = randomUUID().slice(0, 12);
      const at = new Date('2030-01-01T00:00:00.000Z');
      const key = await repos.apiKeys.create({
        workspaceId: workspace.id,
        name: 'ci',
        prefix,
        keyHash,
        last4: 'wxyz',
        createdBy: owner.id,
        createdAt: at,
      });
      expect(key).not.toHaveProperty('keyHash');
      expect(key).toMatchObject({ prefix, last4: 'wxyz', revokedAt: null, lastUsedAt: null, createdAt: at });
      expect(await repos.apiKeys.listForWorkspace(workspace.id)).toEqual([key]);
      expect((await repos.apiKeys.findByPrefix(prefix))?.keyHash).toEqual(keyHash);
      expect(await repos.apiKeys.findByPrefix('nope')).toBeNull();

      const used = new Date(at.getTime() + HOUR);
      await repos.apiKeys.markUsed(key.id, used);
      await repos.apiKeys.markUsed(key.id, at);
      expect((await repos.apiKeys.get(key.id))?.lastUsedAt).toEqual(used);

      expect((await repos.apiKeys.revoke(key.id, used))?.revokedAt).toEqual(used);
      expect((await repos.apiKeys.revoke(key.id, new Date(used.getTime() + HOUR)))?.revokedAt).toEqual(used);
      expect(await repos.apiKeys.revoke(randomUUID(), used)).toBeNull();
      await expect(
        repos.apiKeys.create({
          workspaceId: workspace.id,
          name: 'dup',
          prefix,
          keyHash,
          last4: 'x',
          createdBy: owner.id,
          createdAt: at,
        }),
      ).rejects.toThrow();
    });
  });

  describe('credentials', () => {
    it('upserts by name, lists without secrets and deletes', async () => {
      const { repos } = get();
      const { owner, workspace } = await newWorkspace();
      const secret = () => ({ ciphertext: hash(), iv: hash().slice(0, 12), authTag: hash().slice(0, 16) });
      const first = await repos.credentials.upsert({
        workspaceId: workspace.id,
        name: 'openai',
        provider: 'openai',
        baseUrl: null,
        ...secret(),
        last4: 'abcd',
        createdBy: owner.id,
      });
      expect(first).not.toHaveProperty('ciphertext');
      const replacement = secret();
      const second = await repos.credentials.upsert({
        workspaceId: workspace.id,
        name: 'openai',
        provider: 'openai-compatible',
        baseUrl: 'http://localhost:11434/v1',
        ...replacement,
        last4: 'efgh',
        createdBy: null,
      });
      expect(second).toMatchObject({
        id: first.id,
        provider: 'openai-compatible',
        last4: 'efgh',
        createdBy: owner.id,
      });
      expect(await repos.credentials.list(workspace.id)).toEqual([second]);
      const stored = await repos.credentials.getStored(workspace.id, 'openai');
      expect(stored?.ciphertext).toEqual(replacement.ciphertext);
      expect(stored?.iv).toEqual(replacement.iv);
      expect(await repos.credentials.getStored(workspace.id, 'other')).toBeNull();
      expect(await repos.credentials.get(first.id)).toEqual(second);

      expect(await repos.credentials.delete(first.id)).toBe(true);
      expect(await repos.credentials.delete(first.id)).toBe(false);
      expect(await repos.credentials.list(workspace.id)).toEqual([]);
    });

    it('refuses an unknown provider', async () => {
      const { db } = get();
      const { workspace } = await newWorkspace();
      await expect(
        db.execute(
          sql`insert into credentials (workspace_id, provider, name, ciphertext, iv, auth_tag, last4)
              values (${workspace.id}, 'mock', 'm', decode('00', 'hex'), decode('00', 'hex'), decode('00', 'hex'), '')`,
        ),
      ).rejects.toThrow();
      expect(await db.select().from(credentials).where(eq(credentials.workspaceId, workspace.id))).toEqual(
        [],
      );
    });
  });

  describe('inTransaction', () => {
    it('commits everything together or nothing', async () => {
      const { db, repos } = get();
      const { owner, workspace } = await newWorkspace();
      const created = await inTransaction(db, async (tx) => {
        const workflow = await tx.workflows.create({
          workspaceId: workspace.id,
          name: 'T',
          createdBy: owner.id,
        });
        await tx.docs.appendUpdate(`workflow:${workflow.id}`, Uint8Array.from([1]));
        return workflow;
      });
      expect((await repos.docs.load(`workflow:${created.id}`)).updates).toHaveLength(1);

      let rolledBack: string | undefined;
      await expect(
        inTransaction(db, async (tx) => {
          const workflow = await tx.workflows.create({
            workspaceId: workspace.id,
            name: 'R',
            createdBy: owner.id,
          });
          rolledBack = workflow.id;
          await tx.docs.appendUpdate(`workflow:${workflow.id}`, Uint8Array.from([2]));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(rolledBack).toBeDefined();
      expect(await repos.workflows.get(rolledBack ?? '')).toBeNull();
      expect((await repos.docs.load(`workflow:${rolledBack}`)).updates).toEqual([]);
    });
  });
}
