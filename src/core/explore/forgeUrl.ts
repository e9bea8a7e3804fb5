// Where GitHub, GitLab and Bitbucket show a commit, a file at a commit, and its bytes.
const FORGES: Record<string, { commit: string; blob: string; raw: string }> = {
  "github.com": { commit: "commit", blob: "blob", raw: "raw" },
  "gitlab.com": { commit: "-/commit", blob: "-/blob", raw: "-/raw" },
  "bitbucket.org": { commit: "commits", blob: "src", raw: "raw" },
};

/**
 * The web page of a commit on a known forge, from a git remote in any of its usual spellings:
 * `https://github.com/o/r(.git)`, `git@github.com:o/r.git`, `ssh://git@gitlab.com/g/sub/r.git`.
 * Null for unknown hosts and malformed input, so the page shows the commit as text instead.
 */
export function commitUrl(remote: string | undefined | null, commit: string | undefined | null): string | null {
  const repo = forgeRepo(remote, commit);
  return repo && `${repo.base}/${repo.forge.commit}/${repo.commit}`;
}

/**
 * A file of the repository as it was at a commit: its page on the forge (`blob`) or its bytes
 * (`raw`). `file` is the path from the repository's top, `/`-separated; each segment is encoded.
 */
export function forgeFileUrl(remote: string | undefined | null, commit: string | undefined | null, file: string, view: "blob" | "raw"): string | null {
  const repo = forgeRepo(remote, commit);
  const parts = file.split("/");
  if (!repo || parts.some((p) => p === "" || p === "." || p === "..")) return null;
  return `${repo.base}/${repo.forge[view]}/${repo.commit}/${parts.map(encodeURIComponent).join("/")}`;
}

function forgeRepo(remote: string | undefined | null, commit: string | undefined | null) {
  if (!remote || !commit || !/^[0-9a-f]{4,64}$/i.test(commit)) return null;
  const parsed = parseRemote(remote.trim());
  if (!parsed) return null;
  const forge = FORGES[parsed.host];
  if (!forge) return null;
  // GitHub and Bitbucket are owner/repo; GitLab allows nested groups.
  const parts = parsed.path.split("/");
  if (parts.length < 2 || (parsed.host !== "gitlab.com" && parts.length !== 2)) return null;
  if (!parts.every((p) => /^[A-Za-z0-9_.-]+$/.test(p) && p !== "." && p !== "..")) return null;
  return { forge, base: `https://${parsed.host}/${parts.map(encodeURIComponent).join("/")}`, commit: commit.toLowerCase() };
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
