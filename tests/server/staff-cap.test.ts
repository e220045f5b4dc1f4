/**
 * An organisation has a bounded number of colleagues: adding one and inviting
 * one (each an Argon2 hash and a row) stop at the limit with a message in
 * words, and removing a colleague makes room again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, expectApiError, startTestServer, type TestServer } from '../support/server.ts';

const LIMIT = 500;
let server: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  admin = new ApiClient(server.url);
  await admin.login();
}, 60_000);
afterAll(async () => server?.stop());

describe('colleagues per organisation', () => {
  it(`stops at ${LIMIT} colleagues (413 quota_exceeded, in words) for both ways in; removing one makes room`, async () => {
    const store = server.server.store;
    const orgId = (await store.findOrganisationBySlug('demo'))!.id;
    const have = (await admin.get('/api/staff')).body.staff.length as number;
    // Made in the store with a placeholder hash: 500 Argon2 hashes would only slow the test down.
    for (let i = have; i < LIMIT; i++) {
      const made = await store.createStaffUser(orgId, { email: `filler-${i}@kodbro.example`, displayName: `Filler ${i}`, passwordHash: 'placeholder', roles: { author: false, recruiter: true, admin: false } });
      expect(made.ok).toBe(true);
    }
    const added = await admin.post('/api/staff', { email: 'one-more@kodbro.example', displayName: 'One More', password: 'one-more-password-long', roles: { author: false, recruiter: true } });
    expectApiError(added, 413, 'quota_exceeded');
    expect(added.body.error.message).toMatch(/remove someone/);
    expectApiError(await admin.post('/api/staff/invitations', { email: 'one-more@kodbro.example', displayName: 'One More', roles: { author: false, recruiter: true, admin: false } }), 413, 'quota_exceeded');
    const staff = (await admin.get('/api/staff')).body.staff as { id: string; email: string }[];
    expect(staff).toHaveLength(LIMIT);
    expect((await admin.delete(`/api/staff/${staff.find((s) => s.email === 'filler-499@kodbro.example')!.id}`)).status).toBe(200);
    expect((await admin.post('/api/staff/invitations', { email: 'one-more@kodbro.example', displayName: 'One More', roles: { author: false, recruiter: true, admin: false } })).status).toBe(201);
  }, 120_000);
});
