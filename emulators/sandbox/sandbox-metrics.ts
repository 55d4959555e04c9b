import type { RunningEmulators } from '../start-all-emulators';

/**
 * The sandbox's audience: every few seconds each emulated post gains views, likes and comments
 * (in each platform's own fields), so metrics polls show engagement growing over time.
 */
export function growSandboxMetrics(
  running: RunningEmulators,
  options: { intervalMs?: number; random?: () => number } = {},
): () => void {
  const random = options.random ?? Math.random;
  const gain = (scale: number) => Math.floor(random() * scale);
  const { youtube, tiktok, instagram, facebook, x } = running.emulators;
  const tick = () => {
    for (const video of youtube.state.videos.values()) {
      const s = video.statistics;
      s.viewCount = String(Number(s.viewCount ?? 0) + 10 + gain(40));
      s.likeCount = String(Number(s.likeCount ?? 0) + gain(5));
      s.commentCount = String(Number(s.commentCount ?? 0) + gain(2));
    }
    for (const post of tiktok.state.posts.values()) {
      const m = post.metrics;
      m.view_count = (m.view_count ?? 0) + 20 + gain(80);
      m.like_count = (m.like_count ?? 0) + gain(8);
      m.comment_count = (m.comment_count ?? 0) + gain(2);
      m.share_count = (m.share_count ?? 0) + gain(2);
    }
    for (const media of instagram.state.media.values()) {
      const i = media.insights;
      i.views = (i.views ?? 0) + 15 + gain(50);
      i.likes = (i.likes ?? 0) + gain(6);
      i.comments = (i.comments ?? 0) + gain(2);
      i.shares = (i.shares ?? 0) + gain(2);
      i.saved = (i.saved ?? 0) + gain(2);
    }
    for (const reel of facebook.state.reels.values()) {
      if (reel.phase !== 'finished') continue;
      const plays =
        typeof reel.insights.blue_reels_play_count === 'number'
          ? reel.insights.blue_reels_play_count
          : 0;
      reel.insights.blue_reels_play_count = plays + 10 + gain(30);
    }
    for (const tweet of x.state.tweets.values()) {
      const p = tweet.publicMetrics;
      p.impression_count = (p.impression_count ?? 0) + 25 + gain(100);
      p.like_count = (p.like_count ?? 0) + gain(6);
      p.reply_count = (p.reply_count ?? 0) + gain(2);
      p.retweet_count = (p.retweet_count ?? 0) + gain(2);
    }
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
