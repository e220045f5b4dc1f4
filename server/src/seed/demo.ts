import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { hashPassword } from '../auth/index.ts';
import type { Catalog } from '../catalog/index.ts';
import { REPO_ROOT } from '../config/index.ts';
import type { Assessment, CreatedInvite, Organisation, OrgId, Store } from '../store/index.ts';

export const DEMO_ORG_SLUG = 'demo';
export const DEMO_EMAIL = 'demo@kodbro.example';
export const DEMO_ASSESSMENT_TITLE = 'Demo assessment';
export const SAMPLE_CHALLENGES_DIR = path.join(REPO_ROOT, 'challenges');
/** The demo assessment's challenges, in the candidate's order. */
const DEMO_CHALLENGES = ['log-aggregation', 'meeting-rooms', 'team-pairing'];

export interface DemoSeed {
  organisation: Organisation;
  email: string;
  assessment: Assessment;
  /** Challenges published now (an unchanged package publishes nothing). */
  published: string[];
}

/**
 * Makes the demo organisation on first start: an admin who is also author
 * and recruiter, every sample challenge, one assessment that is open for a
 * year. Later starts publish changed sample packages as new versions and
 * leave everything else alone (the password too, if someone changed it).
 */
export async function seedDemo(store: Store, catalog: Catalog, password: string, now: Date): Promise<DemoSeed> {
  const organisation = await demoOrganisation(store);
  const orgId = organisation.id;
  if (!(await store.listStaffUsers(orgId)).some((user) => user.email === DEMO_EMAIL)) {
    await store.createStaffUser(orgId, {
      email: DEMO_EMAIL,
      displayName: 'Demo Author',
      passwordHash: await hashPassword(password),
      roles: { author: true, recruiter: true, admin: true },
    });
  }

  const published: string[] = [];
  for (const name of (await readdir(SAMPLE_CHALLENGES_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const result = await catalog.publishDirectory(orgId, path.join(SAMPLE_CHALLENGES_DIR, name));
    if (result.created) published.push(`${result.challenge.slug} v${result.version.version}`);
  }

  const assessment = (await findDemoAssessment(store, orgId)) ?? (await createDemoAssessment(store, orgId, now));
  return { organisation, email: DEMO_EMAIL, assessment, published };
}

async function demoOrganisation(store: Store): Promise<Organisation> {
  const existing = await store.findOrganisationBySlug(DEMO_ORG_SLUG);
  if (existing) return existing;
  const created = await store.createOrganisation({ name: 'Demo Company AB', slug: DEMO_ORG_SLUG });
  if (created.ok) return created.value;
  // Another process made it between the two calls.
  const again = await store.findOrganisationBySlug(DEMO_ORG_SLUG);
  if (!again) throw new Error('Could not create the demo organisation');
  return again;
}

export async function findDemoAssessment(store: Store, orgId: OrgId): Promise<Assessment | undefined> {
  return (await store.listAssessments(orgId)).find((a) => a.title === DEMO_ASSESSMENT_TITLE);
}

async function createDemoAssessment(store: Store, orgId: OrgId, now: Date): Promise<Assessment> {
  const challenges = await store.listChallenges(orgId);
  const ids = DEMO_CHALLENGES.map((slug) => challenges.find((c) => c.slug === slug)?.id).filter((id): id is string => id !== undefined);
  const created = await store.createAssessment(orgId, {
    title: DEMO_ASSESSMENT_TITLE,
    challengeIds: ids,
    timeLimitMinutes: 90,
    opensAt: new Date(now.getTime() - 60 * 60 * 1000),
    closesAt: new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000),
    resultsVisibility: 'samples',
  });
  if (!created.ok) throw new Error(`Could not create the demo assessment: ${created.reason}`);
  return created.value;
}

/** A fresh invite to the demo assessment; the token exists only in what this returns. */
export async function createDemoInvite(store: Store): Promise<CreatedInvite> {
  const organisation = await store.findOrganisationBySlug(DEMO_ORG_SLUG);
  if (!organisation) throw new Error('There is no demo organisation yet: start the server once with `npm start`');
  const assessment = await findDemoAssessment(store, organisation.id);
  if (!assessment) throw new Error('The demo organisation has no demo assessment');
  const created = await store.createInvite(organisation.id, assessment.id, { candidateName: 'Demo Candidate' });
  if (!created.ok) throw new Error(`Could not create an invite: ${created.reason}`);
  return created.value;
}
