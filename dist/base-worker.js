import { createRequire as __shipshapeRequire } from 'node:module';
const require = __shipshapeRequire(import.meta.url);

// src/facts/base-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/facts/base-commit.ts
import * as childProcess from "node:child_process";

// src/facts/git-objects.ts
function treeEntries(out) {
  const entries = [];
  for (const rec of out.split("\0")) {
    const tab = rec.indexOf("	");
    const sp1 = rec.indexOf(" ");
    const sp2 = rec.indexOf(" ", sp1 + 1);
    if (tab < 0 || sp1 < 0 || sp2 < 0 || sp2 > tab) continue;
    const sha = rec.slice(sp2 + 1, tab);
    if (sha) entries.push({ mode: rec.slice(0, sp1), type: rec.slice(sp1 + 1, sp2), sha, path: rec.slice(tab + 1) });
  }
  return entries;
}
function batchSizes(out, count) {
  const lines = out.split("\n");
  const sizes = [];
  for (let i = 0; i < count; i++) {
    const [, type, size] = (lines[i] ?? "").split(" ");
    sizes.push(type === "missing" ? "missing" : size !== void 0 && Number.isFinite(Number(size)) ? Number(size) : null);
  }
  return sizes;
}
function batchContents(buf, count) {
  const out = [];
  let off = 0;
  for (let i = 0; i < count; i++) {
    const nl = buf.indexOf(10, off);
    if (nl < 0) break;
    const header = new TextDecoder().decode(buf.subarray(off, nl)).split(" ");
    const size = Number(header[2]);
    if (header[1] !== "blob" || !Number.isFinite(size) || nl + 1 + size > buf.length) break;
    out.push(buf.subarray(nl + 1, nl + 1 + size));
    off = nl + 1 + size + 1;
  }
  return out;
}

// src/facts/base-commit.ts
function runBaseJob(job, cp = childProcess) {
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: "0", GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0" };
  const git = (args, timeout, input) => cp.execFileSync("git", ["-c", "core.fsmonitor=false", ...args], { cwd: job.root, env, input, maxBuffer: 1024 * 1024 * 1024, stdio: ["pipe", "pipe", "pipe"], ...timeout ? { timeout } : {} });
  const resolve = () => {
    try {
      return git(["rev-parse", "--verify", "-q", `${job.sha}^{commit}`]).toString("utf8").trim() || null;
    } catch {
      return null;
    }
  };
  const short = job.sha.slice(0, 12);
  if (!/^[0-9a-f]{7,64}$/i.test(job.sha)) return { ok: false, reason: `'${job.sha}' is not a commit SHA` };
  let commit = resolve();
  let fetched = false;
  if (!commit) {
    if (!job.fetch) return { ok: false, reason: `the base commit ${short} is not in the checkout` };
    try {
      git(["fetch", "--no-tags", "--quiet", "--depth=1", "--no-write-fetch-head", "origin", job.sha], job.timeoutMs);
    } catch (err) {
      const stderr = String(err.stderr ?? "").trim().split("\n").pop() ?? "";
      return { ok: false, reason: `the base commit ${short} could not be fetched from origin${stderr ? ` (${stderr.slice(0, 160)})` : ""}` };
    }
    commit = resolve();
    if (!commit) return { ok: false, reason: `the base commit ${short} is still missing after fetching` };
    fetched = true;
  }
  let tree;
  try {
    tree = git(["ls-tree", "-r", "-z", "--full-tree", commit]).toString("utf8");
  } catch (err) {
    return { ok: false, reason: `the base commit could not be read: ${String(err.message ?? err).split("\n")[0].slice(0, 200)}` };
  }
  let changed = null;
  if (job.diff) {
    try {
      changed = git(["diff", "--name-only", "-z", "--no-renames", commit]).toString("utf8").split("\0").filter((p) => p !== "");
    } catch {
      changed = null;
    }
  }
  return { ok: true, commit, fetched, tree, changed, blobs: changed ? readChanged(changed) : [] };
  function readChanged(paths) {
    const want = new Set(paths);
    const entries = treeEntries(tree).filter((e) => e.type === "blob" && e.mode !== "120000" && want.has(e.path));
    if (entries.length === 0) return [];
    let sizes;
    try {
      sizes = batchSizes(git(["cat-file", "--batch-check"], void 0, entries.map((e) => e.sha).join("\n") + "\n").toString("utf8"), entries.length);
    } catch {
      return [];
    }
    let spent = 0;
    const read = [];
    sizes.forEach((size, i) => {
      if (typeof size === "number" && size <= job.cap && spent + size <= job.budget) {
        spent += size;
        read.push(i);
      }
    });
    let contents = [];
    try {
      if (read.length > 0) contents = batchContents(git(["cat-file", "--batch"], void 0, read.map((i) => entries[i].sha).join("\n") + "\n"), read.length);
    } catch {
      contents = [];
    }
    const bytes = /* @__PURE__ */ new Map();
    contents.forEach((b, k) => bytes.set(read[k], b));
    return entries.map((e, i) => {
      const size = sizes[i];
      return { path: e.path, size: typeof size === "number" ? size : null, absent: size === "missing", bytes: bytes.get(i) ?? null };
    });
  }
}
var WORKER = new URL("./base-worker.js", import.meta.url);

// src/facts/base-worker.ts
parentPort?.postMessage(runBaseJob(workerData));
