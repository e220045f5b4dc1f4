/**
 * Which site this server is: the public URL's scheme, host name and port.
 * A request whose `Host` names another site is refused (DNS rebinding: an
 * attacker's name that resolves to this machine must not reach the API with
 * the victim's browser), a browser `Origin` must match scheme, host AND port,
 * and the CSP's connect-src names only this origin.
 */
export interface OriginPolicy {
  /** Whether the `Host` header names this server. */
  hostAllowed(host: string | undefined): boolean;
  /**
   * Whether a browser's `Origin` header is this site. A missing header (a
   * non-browser client) passes, since the CSRF token is the main defence;
   * `null` and anything unparsable do not.
   */
  originAllowed(origin: string | undefined): boolean;
  /** The WebSocket origin a page served for this `Host` may connect to (`ws://…` or `wss://…`). */
  socketOrigin(host: string | undefined): string;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a host name (as URL.hostname gives it) is one of the loopback names. */
export const isLoopbackName = (hostname: string): boolean => LOOPBACK_NAMES.has(hostname.toLowerCase());

interface Site {
  /** `http:` or `https:`. */
  protocol: string;
  hostname: string;
  /** '' for the scheme's default port, as URL normalises it. */
  port: string;
}

/** `host[:port]` read the way a browser would for this scheme; undefined when it is not a plain host. */
function parseHost(protocol: string, host: string): Site | undefined {
  if (host.length === 0 || host.length > 300 || /[/?#@\\\s]/.test(host)) return undefined;
  try {
    const url = new URL(`${protocol}//${host}`);
    return { protocol, hostname: url.hostname, port: url.port };
  } catch {
    return undefined;
  }
}

/**
 * @param publicUrl read at every call: with PORT=0 the composition root fills in the real port after listening.
 * @param extraHosts `host` or `host:port` entries also served (a proxy that rewrites `Host`); an entry without a port allows any port.
 *
 * @example
 * const policy = originPolicy(() => config.publicUrl, config.allowedHosts);
 * policy.hostAllowed(req.headers.host);
 */
export function originPolicy(publicUrl: () => string, extraHosts: readonly string[] = []): OriginPolicy {
  let cachedFor = '';
  let site: Site = { protocol: 'http:', hostname: '', port: '' };
  const publicSite = (): Site => {
    const current = publicUrl();
    if (current !== cachedFor) {
      const url = new URL(current);
      site = { protocol: url.protocol, hostname: url.hostname, port: url.port };
      cachedFor = current;
    }
    return site;
  };

  const extras = extraHosts.map(parseExtraHost);

  const matches = (candidate: Site): boolean => {
    const own = publicSite();
    if (candidate.protocol !== own.protocol) return false;
    if (candidate.port === own.port && candidate.hostname === own.hostname) return true;
    // On a loopback public URL the other loopback names with the same port are the same server.
    if (candidate.port === own.port && isLoopbackName(own.hostname) && isLoopbackName(candidate.hostname)) return true;
    return extras.some((extra) => extra.hostname === candidate.hostname && (extra.port === undefined || extra.port === effectivePort(candidate)));
  };

  return {
    hostAllowed(host) {
      if (host === undefined) return false;
      const parsed = parseHost(publicSite().protocol, host);
      return parsed !== undefined && matches(parsed);
    },
    originAllowed(origin) {
      if (origin === undefined) return true;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      // An Origin is scheme://host[:port] and nothing more, as browsers serialise it.
      if (url.origin !== origin) return false;
      return matches({ protocol: url.protocol, hostname: url.hostname, port: url.port });
    },
    socketOrigin(host) {
      const own = publicSite();
      const scheme = own.protocol === 'https:' ? 'wss:' : 'ws:';
      const parsed = host === undefined ? undefined : parseHost(own.protocol, host);
      // A loopback alias is a page served from that very name; otherwise (a proxy's own Host too) the public one.
      const name = parsed && parsed.port === own.port && isLoopbackName(own.hostname) && isLoopbackName(parsed.hostname) ? parsed.hostname : own.hostname;
      return `${scheme}//${name}${own.port ? `:${own.port}` : ''}`;
    },
  };
}

/** `name`, `name:port`, `[v6]` or `[v6]:port`; without a port any port of that name is allowed. */
function parseExtraHost(entry: string): { hostname: string; port: string | undefined } {
  const match = /^(.*?)(?::(\d{1,5}))?$/.exec(entry.trim()) as RegExpExecArray;
  const hostname = parseHost('http:', match[1] ?? '')?.hostname ?? '';
  return { hostname, port: match[2] === undefined ? undefined : String(Number(match[2])) };
}

/** The port a Site talks to, with the scheme's default filled in. */
function effectivePort(site: Site): string {
  return site.port || (site.protocol === 'https:' ? '443' : '80');
}
