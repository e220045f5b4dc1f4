import type { ChallengeLibrary, LibraryArchived, LibraryChallenge, publishedChallengeSchema } from '@kodbro/server/contracts';
import type { z } from 'zod';
import { ApiError, errorOf, request } from './http.ts';

export type PublishedChallenge = z.infer<typeof publishedChallengeSchema>;

/** The challenge library's calls (staff only, lazily loaded with the staff pages). */
export const libraryApi = {
  list: (query: string, archived: LibraryArchived) =>
    request<ChallengeLibrary>(`/api/challenges?${new URLSearchParams({ ...(query.trim() ? { query: query.trim() } : {}), archived }).toString()}`),
  archive: (csrf: string, challengeId: string, archived: boolean) =>
    request<LibraryChallenge>(`/api/challenges/${encodeURIComponent(challengeId)}/${archived ? 'archive' : 'unarchive'}`, { method: 'POST', csrf, idempotent: true }),
  /** Where a version's Kodbro package archive is downloaded from (a plain link: the browser saves it). */
  exportUrl: (versionId: string) => `/api/challenge-versions/${encodeURIComponent(versionId)}/export`,
  upload: uploadPackage,
};

/**
 * Sends a package archive as it is (the server tells zip, tar and gzip apart
 * by their bytes) with XMLHttpRequest, the one browser API that reports
 * upload progress. `onProgress` gets a fraction from 0 to 1 while the bytes
 * go out; afterwards the server unpacks and checks the package.
 */
function uploadPackage(csrf: string, file: Blob, onProgress: (fraction: number) => void): Promise<PublishedChallenge> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/challenges');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && typeof data === 'object' && data !== null) {
        resolve(data as PublishedChallenge);
        return;
      }
      const error = errorOf(data);
      reject(error ? new ApiError(error.code, error.message, xhr.status, error.details) : new ApiError(xhr.status >= 500 ? 'internal' : 'bad_response', `The server answered ${xhr.status}.`, xhr.status));
    };
    xhr.onerror = () => reject(new ApiError('network', 'No connection to the server.'));
    xhr.ontimeout = () => reject(new ApiError('timeout', 'The server took too long to answer.'));
    xhr.send(file);
  });
}
