import { useEffect, useId, useRef, type ReactNode } from 'react';
import { echarts, type ChartOption } from './echarts-setup';
import { cx } from '../components/class-names';
import styles from './overview.module.css';

/**
 * One ECharts chart in a figure with its caption. The option's ARIA description (written by
 * chart-options.ts) becomes the picture's label, so a screen reader hears what it shows.
 */
export function Chart({
  caption,
  option,
  height = 260,
  testId,
  actions,
  captionHidden = false,
}: {
  caption: string;
  option: ChartOption;
  height?: number;
  testId?: string;
  /** Controls shown beside the caption (the series' grain). */
  actions?: ReactNode;
  /** The caption names the chart for a screen reader only (the card's title says it). */
  captionHidden?: boolean;
}) {
  const element = useRef<HTMLDivElement>(null);
  const captionId = useId();
  // The first height; later ones resize the chart below.
  const initialHeight = useRef(height);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const host = element.current;
    if (!host) return;
    // A chart laid out while hidden (or without layout at all) gets a width until it is shown.
    const instance = echarts.init(host, null, {
      renderer: 'svg',
      height: initialHeight.current,
      width: host.clientWidth > 0 ? undefined : 600,
    });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.resize({ height });
  }, [height]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <figure className={styles.figure} data-testid={testId} aria-labelledby={captionId}>
      <figcaption className={cx(styles.chartHead, captionHidden && !actions && styles.bare)}>
        <span id={captionId} className={captionHidden ? 'visually-hidden' : styles.caption}>
          {caption}
        </span>
        {actions}
      </figcaption>
      <div ref={element} className={styles.chart} style={{ height }} />
    </figure>
  );
}
