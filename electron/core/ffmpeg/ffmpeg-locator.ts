import { execFile } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FfmpegCheck } from '../../../shared/domain/settings';

const exe = process.platform === 'win32' ? '.exe' : '';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const versionCache = new Map<string, { mtimeMs: number; version: string }>();

/** Asks the program for its version once per file and modification time. */
async function versionOf(file: string): Promise<string | null> {
  const { mtimeMs } = await stat(file);
  const cached = versionCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.version;
  const version = await runVersion(file);
  if (version) versionCache.set(file, { mtimeMs, version });
  return version;
}

function runVersion(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, ['-hide_banner', '-version'], { timeout: 10_000 }, (error, stdout) => {
      if (error) return resolve(null);
      const first = stdout.split('\n')[0] ?? '';
      const match = /version\s+(\S+)/.exec(first);
      resolve(match?.[1] ?? (first.trim() || null));
    });
  });
}

async function findOnPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name + exe);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

/** ffprobe is looked for beside ffmpeg first, so a custom build keeps its matching ffprobe. */
async function probeBeside(ffmpeg: string): Promise<string | null> {
  const beside = path.join(path.dirname(ffmpeg), 'ffprobe' + exe);
  if (await isExecutable(beside)) return beside;
  return findOnPath('ffprobe');
}

/**
 * Finds ffmpeg: the path from Settings, else one bundled in the app's resources, else the one on
 * PATH. The answer says in words what was found, so the Settings screen can show it as is.
 */
export async function locateFfmpeg(options: {
  configuredPath: string | null;
  resourcesDir: string;
}): Promise<FfmpegCheck> {
  const tried: Array<{ file: string; source: FfmpegCheck['source'] }> = [];
  if (options.configuredPath) tried.push({ file: options.configuredPath, source: 'settings' });
  tried.push({
    file: path.join(options.resourcesDir, 'ffmpeg', 'ffmpeg' + exe),
    source: 'bundled',
  });
  const onPath = await findOnPath('ffmpeg');
  if (onPath) tried.push({ file: onPath, source: 'system' });

  for (const { file, source } of tried) {
    if (!(await isExecutable(file))) {
      if (source === 'settings') {
        return {
          found: false,
          ffmpegPath: file,
          ffprobePath: null,
          version: null,
          source,
          message: `No runnable program at ${file}. Check the path in Settings, or clear it to use the ffmpeg installed on this computer.`,
        };
      }
      continue;
    }
    const version = await versionOf(file);
    if (!version) {
      if (source === 'settings') {
        return {
          found: false,
          ffmpegPath: file,
          ffprobePath: null,
          version: null,
          source,
          message: `${file} did not answer as ffmpeg does. Choose the ffmpeg program itself.`,
        };
      }
      continue;
    }
    const ffprobe = await probeBeside(file);
    return {
      found: true,
      ffmpegPath: file,
      ffprobePath: ffprobe,
      version,
      source,
      message: ffprobe
        ? `ffmpeg ${version} (${source === 'system' ? 'installed on this computer' : source === 'bundled' ? 'bundled with ReelPilot' : 'from Settings'}).`
        : `ffmpeg ${version} was found, but ffprobe was not beside it. Install the full ffmpeg package.`,
    };
  }
  return {
    found: false,
    ffmpegPath: null,
    ffprobePath: null,
    version: null,
    source: 'none',
    message:
      'ffmpeg was not found. Install it (for example "sudo apt install ffmpeg", "brew install ffmpeg" or from ffmpeg.org) or set its path in Settings.',
  };
}
