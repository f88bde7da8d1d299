/**
 * Applies the patches in third_party/npm/ to installed packages (npm's postinstall), in the order of its `series`.
 * Each series line names a package at an exact version and a unified diff against files under node_modules/.
 * A patch applies only where every hunk's original text is found exactly once; a patch already applied (every
 * hunk's new text there, none of the original) is left alone; anything else stops the install with the reason,
 * so a dependency update can never run with a patch half-applied or silently dropped.
 * Plain Node, no dependencies and no `patch` binary: it runs in a production install (`npm ci --omit=dev`) too.
 * With `--check` it changes nothing and fails unless every patch is applied (the test run's global setup uses it).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, 'third_party', 'npm');

/** The hunks of a unified diff, per file: each hunk as its original and its new text. */
function parsePatch(text) {
  const files = [];
  let file;
  let hunk;
  for (const line of text.split('\n')) {
    if (line.startsWith('+++ b/')) {
      file = { path: line.slice('+++ b/'.length).trim(), hunks: [] };
      files.push(file);
      hunk = undefined;
    } else if (line.startsWith('--- ')) continue;
    else if (line.startsWith('@@') && file) {
      hunk = { old: [], new: [] };
      file.hunks.push(hunk);
    } else if (hunk && (line.startsWith(' ') || line === '')) {
      hunk.old.push(line.slice(1));
      hunk.new.push(line.slice(1));
    } else if (hunk && line.startsWith('-')) hunk.old.push(line.slice(1));
    else if (hunk && line.startsWith('+')) hunk.new.push(line.slice(1));
  }
  for (const f of files)
    for (const h of f.hunks) {
      // A trailing empty line of the patch file is not context.
      while (h.old.at(-1) === '' && h.new.at(-1) === '') {
        h.old.pop();
        h.new.pop();
      }
    }
  return files;
}

const count = (haystack, needle) => haystack.split(needle).length - 1;

/** What applying `file` would do: nothing (already applied), or the patched text to write; throws on a mismatch. */
function planFile(file) {
  const path = join(ROOT, file.path);
  let text = readFileSync(path, 'utf8');
  const blocks = file.hunks.map((h) => ({ old: h.old.join('\n'), new: h.new.join('\n') }));
  if (blocks.every((b) => count(text, b.new) === 1 && count(text, b.old) === 0)) return { path };
  const missing = blocks.findIndex((b) => count(text, b.old) !== 1);
  if (missing !== -1)
    throw new Error(
      `hunk ${missing + 1} of ${file.path} does not match the installed file exactly once; the patch was written for another text`,
    );
  for (const b of blocks) text = text.replace(b.old, () => b.new);
  return { path, text };
}

/**
 * Writes a new file and renames it over the old one: installed files may be hard links shared with other
 * checkouts, and writing in place would patch them all.
 */
function writeFile(plan) {
  writeFileSync(`${plan.path}.patched`, plan.text);
  renameSync(`${plan.path}.patched`, plan.path);
}

const checkOnly = process.argv.includes('--check');
const series = readFileSync(join(DIR, 'series'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
let failed = false;
for (const line of series) {
  const [spec, name] = line.split(/\s+/);
  const at = spec.lastIndexOf('@');
  const [pkg, version] = [spec.slice(0, at), spec.slice(at + 1)];
  try {
    const installed = JSON.parse(
      readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'),
    ).version;
    if (installed !== version)
      throw new Error(
        `${name} is for ${pkg} ${version}, but ${installed} is installed: redo the patch or drop it`,
      );
    const files = parsePatch(readFileSync(join(DIR, 'patches', name), 'utf8'));
    // Every file is checked before any is changed, so a refusal leaves the package as it was.
    const plans = files.map((file) => planFile(file));
    const changed = plans.filter((plan) => plan.text !== undefined);
    if (checkOnly && changed.length)
      throw new Error(
        `not applied to ${pkg} ${version}: run \`node scripts/apply-npm-patches.mjs\` (npm ci does)`,
      );
    if (checkOnly) continue;
    for (const plan of changed) writeFile(plan);
    process.stdout.write(
      `patch ${name} (${pkg}@${version}): ${changed.length ? 'applied' : 'already applied'}\n`,
    );
  } catch (error) {
    failed = true;
    process.stderr.write(`patch ${name}: ${error.message}\n`);
  }
}
if (failed) process.exit(1);
