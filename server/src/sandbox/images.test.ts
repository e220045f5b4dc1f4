import { describe, expect, it } from 'vitest';
import { computeImageTags, imageFor } from './images.ts';

describe('image tags', () => {
  it('gives each language the tag the whole set computes, reading only its own folder and the base', async () => {
    const all = await computeImageTags();
    expect(Object.keys(all.languages)).toContain('python');
    for (const [folder, tag] of Object.entries(all.languages)) expect(await imageFor(folder)).toBe(tag);
    expect(all.languages.python).toMatch(/^kodbro\/python:[0-9a-f]{16}$/);
  });

  it('refuses a folder that is not there, each time it is asked for', async () => {
    await expect(imageFor('no-such-language')).rejects.toMatchObject({ code: 'image_missing' });
    await expect(imageFor('no-such-language')).rejects.toMatchObject({ code: 'image_missing' });
  });
});
