/** The image types a statement may show, by file extension, with the Content-Type they are served with. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

/** The Content-Type of a statement file browsers show as an image, or undefined for any other file. */
export function imageContentType(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return IMAGE_TYPES[fileName.slice(dot + 1).toLowerCase()];
}

/** File name extensions tried, in order, for `\includegraphics{name}` without one. */
export const IMAGE_EXTENSIONS = ['.svg', '.png', '.jpg', '.jpeg', '.gif', '.webp'];
