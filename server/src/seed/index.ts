/** The demo organisation, its sample challenges, assessment and invites. */
export { seedDemo, createDemoInvite, DEMO_EMAIL, DEMO_ORG_SLUG, DEMO_ASSESSMENT_TITLE, type DemoSeed } from './demo.ts';
