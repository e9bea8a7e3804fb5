/**
 * The web page of a commit on a known forge, from a git remote in any of its usual spellings:
 * `https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `ssh://git@gitlab.com/g/sub/r.git`.
 * Null for unknown hosts and malformed input, so the page shows the commit as text instead.
 */
const FORGES: Record<string, (repo: string, commit: string) => string> = {
  "github.com": (repo, commit) => `https://github.com/${repo}/commit/${commit}`,
  "gitlab.com": (repo, commit) => `https://gitlab.com/${repo}/-/commit/${commit}`,
  "bitbucket.org": (repo, commit) => `https://bitbucket.org/${repo}/commits/${commit}`,
};

export function commitUrl(remote: string | undefined | null, commit: string | undefined | null): string | null {
  if (!remote || !commit || !/^[0-9a-f]{4,64}$/i.test(commit)) return null;
  const parsed = parseRemote(remote.trim());
  if (!parsed) return null;
  const forge = FORGES[parsed.host];
  if (!forge) return null;
  // GitHub and Bitbucket are owner/repo; GitLab allows nested groups.
  const parts = parsed.path.split("/");
  if (parts.length < 2 || (parsed.host !== "gitlab.com" && parts.length !== 2)) return null;
  if (!parts.every((p) => /^[A-Za-z0-9_.-]+$/.test(p) && p !== "." && p !== "..")) return null;
  return forge(parts.map(encodeURIComponent).join("/"), commit.toLowerCase());
}

function parseRemote(remote: string): { host: string; path: string } | null {
  let host: string;
  let path: string;
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/)(.+)$/.exec(remote);
  if (/^[a-z+]+:\/\//i.test(remote)) {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      return null;
    }
    if (!["https:", "http:", "ssh:", "git:", "git+ssh:", "ssh+git:"].includes(url.protocol)) return null;
    host = url.hostname;
    path = url.pathname;
  } else if (scp) {
    host = scp[1]!;
    path = scp[2]!;
  } else return null;
  path = path.replace(/^\/+|\/+$/g, "").replace(/\.git$/, "");
  host = host.toLowerCase().replace(/^www\./, "");
  return path ? { host, path } : null;
}
