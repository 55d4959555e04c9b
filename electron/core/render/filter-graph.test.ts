import { describe, expect, it } from 'vitest';
import { renderPlanSchema, type RenderPlanInput } from '../../../shared/domain/render';
import { AppError } from '../errors';
import { escapeFilterValue, ffmpegColor, num } from './filter-escape';
import { buildFilterGraph, outputSize, summarizePlan } from './filter-graph';

const env = { fontFile: '/fonts/DejaVuSans-Bold.ttf', workDir: '/tmp/work' };

function photo(path: string) {
  return { kind: 'image' as const, path, width: 4000, height: 3000, durationSec: null };
}

function plan(overrides: Partial<RenderPlanInput> = {}) {
  return renderPlanSchema.parse({
    clips: [{ source: photo('/media/a.jpg'), durationSec: 3 }],
    outputPath: '/out/video.mp4',
    ...overrides,
  });
}

describe('outputSize', () => {
  it('maps each aspect to its frame size', () => {
    expect(outputSize({ aspect: '9:16', previewHeight: null })).toEqual({
      width: 1080,
      height: 1920,
    });
    expect(outputSize({ aspect: '1:1', previewHeight: null })).toEqual({
      width: 1080,
      height: 1080,
    });
    expect(outputSize({ aspect: '16:9', previewHeight: null })).toEqual({
      width: 1920,
      height: 1080,
    });
  });

  it('keeps the aspect with even sides for a preview height', () => {
    expect(outputSize({ aspect: '9:16', previewHeight: 320 })).toEqual({ width: 180, height: 320 });
    expect(outputSize({ aspect: '16:9', previewHeight: 361 })).toEqual({ width: 644, height: 362 });
  });
});

describe('buildFilterGraph', () => {
  it('renders a still photo as one decoded frame repeated, never -loop', () => {
    const built = buildFilterGraph(plan(), env);
    expect(built.inputArgs).toEqual(['-i', '/media/a.jpg']);
    expect(built.graph).toContain(
      '[0:v]trim=end_frame=1,scale=1080:1920:force_original_aspect_ratio=increase:flags=bicubic,crop=1080:1920,format=yuv420p,loop=loop=89:size=1:start=0,',
    );
    expect(built.inputArgs).not.toContain('-loop');
    expect(built.totalFrames).toBe(90);
    expect(built.durationSec).toBe(3);
  });

  it('cuts Ken Burns frames from a 2x picture scaled down once, with zoompan making d frames', () => {
    const built = buildFilterGraph(
      plan({ clips: [{ source: photo('/media/a.jpg'), durationSec: 2, motion: 'in' }], fps: 25 }),
      env,
    );
    expect(built.graph).toContain(
      'scale=2160:3840:force_original_aspect_ratio=increase:flags=bicubic,crop=2160:3840,format=yuv420p,zoompan=z=1+0.15*on/49:x=iw/2-iw/zoom/2:y=ih/2-ih/zoom/2:d=50:s=1080x1920:fps=25',
    );
  });

  it('writes zoom-out and pan expressions', () => {
    const out = buildFilterGraph(
      plan({ clips: [{ source: photo('/a.jpg'), durationSec: 1, motion: 'out' }] }),
      env,
    );
    expect(out.graph).toContain('zoompan=z=1.15-0.15*on/29:');
    const pan = buildFilterGraph(
      plan({ clips: [{ source: photo('/a.jpg'), durationSec: 1, motion: 'pan' }] }),
      env,
    );
    expect(pan.graph).toContain('zoompan=z=1.15:x=(iw-iw/zoom)*on/29:');
  });

  it('turns photos by their EXIF rotation', () => {
    const built = buildFilterGraph(
      plan({ clips: [{ source: { ...photo('/a.jpg'), rotation: 90 }, durationSec: 1 }] }),
      env,
    );
    expect(built.graph).toContain('trim=end_frame=1,transpose=clock,scale=');
  });

  it('passes only overlapping frames through xfade and joins everything with one concat', () => {
    const built = buildFilterGraph(
      plan({
        clips: [
          {
            source: photo('/a.jpg'),
            durationSec: 2,
            transition: { type: 'fade', durationSec: 0.5 },
          },
          { source: photo('/b.jpg'), durationSec: 2, transition: { type: 'cut', durationSec: 0 } },
          { source: photo('/c.jpg'), durationSec: 2 },
        ],
      }),
      env,
    );
    expect(built.totalFrames).toBe(60 + 60 + 60 - 15);
    expect(built.graph).toContain('[s0t0]trim=start_frame=45:end_frame=60,setpts=PTS-STARTPTS[t0]');
    expect(built.graph).toContain('[s1h1]trim=start_frame=0:end_frame=15,setpts=PTS-STARTPTS[h1]');
    expect(built.graph).toContain('[t0][h1]xfade=transition=fade:duration=0.5:offset=0[x1]');
    expect(built.graph).toContain('[c2]null[b2]');
    expect(built.graph).toContain('[b0][x1][b1][b2]concat=n=4:v=1:a=0,settb=1/30,setpts=N,');
    expect(built.graph.match(/xfade=/g)).toHaveLength(1);
  });

  it('summarises size and exact length the way the render counts them', () => {
    const summary = summarizePlan(
      plan({
        aspect: '1:1',
        fps: 25,
        clips: [
          {
            source: photo('/a.jpg'),
            durationSec: 2,
            transition: { type: 'fade', durationSec: 0.4 },
          },
          { source: photo('/b.jpg'), durationSec: 2 },
        ],
      }),
    );
    expect(summary).toEqual({
      width: 1080,
      height: 1080,
      fps: 25,
      totalFrames: 90,
      durationSec: 3.6,
    });
  });

  it('refuses transitions longer than their clips', () => {
    const tooShort = plan({
      clips: [
        { source: photo('/a.jpg'), durationSec: 1, transition: { type: 'fade', durationSec: 0.6 } },
        { source: photo('/b.jpg'), durationSec: 1, transition: { type: 'fade', durationSec: 0.6 } },
        { source: photo('/c.jpg'), durationSec: 1 },
      ],
    });
    expect(() => buildFilterGraph(tooShort, env)).toThrow(AppError);
    expect(() => buildFilterGraph(tooShort, env)).toThrow(/Clip 2 lasts 1 s, too short/);
  });

  it('trims, scales and crops video clips and holds the last frame of a short one', () => {
    const built = buildFilterGraph(
      plan({
        clips: [
          {
            source: {
              kind: 'video',
              path: '/v/clip.mov',
              width: 1920,
              height: 1080,
              durationSec: 12,
            },
            durationSec: 2,
            startSec: 4.5,
          },
        ],
      }),
      env,
    );
    expect(built.inputArgs).toEqual(['-ss', '4.5', '-t', '2.033', '-i', '/v/clip.mov']);
    expect(built.graph).toContain(
      '[0:v]fps=30,scale=1080:1920:force_original_aspect_ratio=increase:flags=bicubic,crop=1080:1920,format=yuv420p,tpad=stop_mode=clone:stop=-1,trim=end_frame=60,',
    );
  });

  it('refuses a video clip that starts after its end', () => {
    const late = plan({
      clips: [
        {
          source: { kind: 'video', path: '/v/c.mp4', width: 640, height: 360, durationSec: 3 },
          durationSec: 2,
          startSec: 3,
        },
      ],
    });
    expect(() => buildFilterGraph(late, env)).toThrow(
      'Clip 1 starts at 3 s but the video lasts 3 s. Choose an earlier start.',
    );
  });

  it('reads a photo whose name holds % literally, not as an image sequence', () => {
    const built = buildFilterGraph(
      plan({ clips: [{ source: photo('/m/100%.jpg'), durationSec: 1 }] }),
      env,
    );
    expect(built.inputArgs).toEqual(['-f', 'image2', '-pattern_type', 'none', '-i', '/m/100%.jpg']);
  });

  it('draws captions from text files with expansion off, one line per drawtext', () => {
    const built = buildFilterGraph(
      plan({
        overlays: [
          {
            text: 'A caption long enough to need two lines on a phone',
            position: 'top',
            startSec: 0.5,
            endSec: 2,
            color: '#FFCC00',
          },
        ],
      }),
      env,
    );
    expect(built.textFiles.map((f) => f.content)).toEqual([
      'A caption long enough to',
      'need two lines on a phone',
    ]);
    expect(built.textFiles[0]?.file).toBe('/tmp/work/caption-0-0.txt');
    const draws = built.graph.match(/drawtext=[^,]*(,[^d][^,]*)*/g) ?? [];
    expect(draws).toHaveLength(2);
    expect(built.graph).toContain(
      'drawtext=fontfile=/fonts/DejaVuSans-Bold.ttf:textfile=/tmp/work/caption-0-0.txt:expansion=none:fontsize=64:fontcolor=0xFFCC00@1:x=(w-text_w)/2:y=259-ascent:box=1:boxcolor=0x000000@0.627:boxborderw=13:enable=between(t\\,0.5\\,2)',
    );
    expect(built.graph).toContain('textfile=/tmp/work/caption-0-1.txt');
  });

  it('scales caption sizes with a preview and keeps the user text out of the graph', () => {
    const built = buildFilterGraph(
      plan({ previewHeight: 320, overlays: [{ text: "it's 100%: a\\b [x]; y,z", fontSize: 96 }] }),
      env,
    );
    expect(built.graph).toContain('fontsize=16:');
    expect(built.graph).not.toContain('100%');
    expect(built.graph).not.toContain("it's");
  });

  it('cuts, normalises, fades and pads the music to the video length', () => {
    const built = buildFilterGraph(
      plan({
        audio: { path: '/m/song.mp3', volume: 0.5, fadeInSec: 1, fadeOutSec: 2, startSec: 10 },
      }),
      env,
    );
    expect(built.inputArgs.slice(-6)).toEqual([
      '-stream_loop',
      '-1',
      '-ss',
      '10',
      '-i',
      '/m/song.mp3',
    ]);
    expect(built.graph).toContain(
      '[1:a]atrim=duration=3,asetpts=PTS-STARTPTS,aformat=sample_fmts=fltp:channel_layouts=stereo,loudnorm=I=-14:TP=-1.5:LRA=11,aresample=48000,volume=0.5,afade=t=in:st=0:d=1,afade=t=out:st=1:d=2,apad=whole_dur=3[aout]',
    );
  });

  it('gives the picture its look before the captions, and none for clean', () => {
    const vout = (look: RenderPlanInput['look']) =>
      buildFilterGraph(plan({ look, overlays: [{ text: 'Hi' }] }), env)
        .graph.split('\n')
        .find((line) => line.includes('[vout]')) ?? '';
    expect(vout('clean')).not.toContain('eq=');
    expect(vout('mono')).toMatch(/concat=[^;]*,eq=saturation=0,drawtext=/);
    expect(vout('vibrant')).toContain('eq=contrast=1.05:saturation=1.35,drawtext=');
    expect(vout('cinematic')).toContain(
      'eq=contrast=1.12:saturation=0.8:brightness=-0.02,drawtext=',
    );
  });

  it('makes a silent track when there is no music', () => {
    const built = buildFilterGraph(plan(), env);
    expect(built.graph).toContain('anullsrc=r=48000:cl=stereo,atrim=duration=3[aout]');
  });
});

describe('filter escaping', () => {
  it('escapes for both the graph and the option parser', () => {
    expect(escapeFilterValue("C:\\Users\\O'Neil\\a,b;[c].txt")).toBe(
      "C\\\\:\\\\\\\\Users\\\\\\\\O\\\\\\'Neil\\\\\\\\a\\,b\\;\\[c\\].txt",
    );
    expect(escapeFilterValue('/plain/path.txt')).toBe('/plain/path.txt');
  });

  it('formats numbers and colours for ffmpeg', () => {
    expect(num(1 / 3)).toBe('0.3333');
    expect(num(2)).toBe('2');
    expect(num(1e-7)).toBe('0');
    expect(ffmpegColor('#000000')).toBe('0x000000@1');
    expect(ffmpegColor('#ff000080')).toBe('0xff0000@0.502');
  });
});
