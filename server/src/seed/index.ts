/** The demo organisation, its sample challenges, assessment and invites. */
export { seedDemo, createDemoInvite, DEMO_EMAIL, type DemoSeed } from './demo.ts';
export { seedDemoResults } from './demo-results.ts';
